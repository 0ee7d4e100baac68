import { test } from '@japa/runner'
import { mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'
import { RouterFactory } from '@adonisjs/core/factories/http'
import { greeters, lifecycle } from 'contextnexus-plugin-sample'
import { PluginRegistry } from '#plugins_core/registry'
import { discoverPlugins, type DiscoveredPlugin } from '#plugins_core/discovery'
import { recordRoutes } from '#plugins_core/route_guard'
import {
  consolePages,
  projectTabs,
  PLUGIN_API_VERSION,
  type PluginDefinition,
} from '#plugins_core/contract'
import { PLUGIN_FILES, PLUGIN_FOLDERS } from '#plugins_core/scaffold'
import { makeEventWorker } from '#events/make_worker'
import { PluginInstallations } from '#services/plugin_installations'
import { withTenant } from '#tenancy/with_tenant'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'

const pluginsOf = (contributions: { plugin: string }[]) => contributions.map(({ plugin }) => plugin)

/** A plugin that is not in config/plugins.ts, for a registry of the test's own. */
const fakePlugin = (definition: Partial<PluginDefinition>): DiscoveredPlugin => ({
  definition: { name: 'fake', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, ...definition },
  root: app.makePath('tmp'),
  source: { path: 'tmp/fake' },
})

test.group('Plugin registry', (group) => {
  // Tests here use registries of their own: the app's keeps exactly the consumers plugins subscribed.
  let consumersAtStart: string[] = []
  group.setup(async () => {
    const registry = await app.container.make(PluginRegistry)
    consumersAtStart = registry.consumers().map(({ name }) => name)
    return async () => {
      const left = registry.consumers().map(({ name }) => name)
      if (left.join() !== consumersAtStart.join()) {
        throw new Error(`Consumers left subscribed by these tests: ${left.join(', ')}`)
      }
    }
  })

  test('runs register, boot and start in order while the app starts, shutdown on stop', async ({
    assert,
  }) => {
    assert.deepEqual(lifecycle.slice(0, 3), ['register', 'boot', 'start'])

    const standalone = new PluginRegistry(app)
    standalone.load(await discoverPlugins(app.config.get('plugins')))
    await standalone.runHook('shutdown')
    assert.equal(lifecycle.at(-1), 'shutdown')
  })

  test('a missing folder or package is a start-up error naming it', async ({ assert }) => {
    const { loadPluginSource } = await import('#plugins_core/discovery')
    await assert.rejects(
      () => loadPluginSource({ path: 'plugins/absent' }),
      /Plugin "plugins\/absent"/
    )
    await assert.rejects(
      () => loadPluginSource({ package: 'contextnexus-plugin-absent' }),
      /npm package "contextnexus-plugin-absent" is not installed/
    )
  })

  test('contributions carry the plugin that made them, stamped by the registry', async ({
    assert,
  }) => {
    const registry = await app.container.make(PluginRegistry)
    const pages = registry.contributions(consolePages)
    assert.containsSubset(pages, [
      { plugin: 'sample', value: { slug: 'overview', title: 'Sample plugin' } },
      { plugin: 'content', value: { slug: 'evaluations' } },
    ])
    const tabs = registry.contributions(projectTabs)
    assert.containsSubset(tabs, [{ plugin: 'sample', value: { slug: 'log', title: 'Sample log' } }])
    const greeting = registry.contributions(greeters)
    assert.lengthOf(greeting, 1)
    assert.equal(greeting[0].plugin, 'sample')
    assert.equal(greeting[0].value.greet('Ada'), 'Hello Ada')
    assert.equal(registry.ownerOf(greeters), 'sample')
    assert.equal(registry.ownerOf('storage.drivers'), 'content')
    assert.equal(registry.ownerOf(consolePages), 'core')
    assert.equal(registry.ownerOf('llm.providers'), 'threads')

    const consumer = registry.consumers().find(({ name }) => name === 'sample.project-log')
    assert.equal(consumer?.plugin, 'sample', 'the sample never names its plugin; the registry does')
    const owned = registry.consumers().filter(({ plugin }) => plugin === 'content')
    assert.isAbove(owned.length, 0, "content's ingestion consumer carries its plugin")
  })

  test('a contribution of the wrong shape, or to an undeclared point, stops start-up naming the plugin', async ({
    assert,
  }) => {
    const badPage = new PluginRegistry(app)
    badPage.load([
      fakePlugin({ boot: ({ contribute }) => contribute(consolePages, { slug: 'x' } as any) }),
    ])
    await assert.rejects(
      () => badPage.runHook('boot'),
      'Plugin "fake": its contribution to "console.pages" is invalid: "title" is missing (a string)'
    )

    const badDriver = new PluginRegistry(app)
    badDriver.declare({ name: 'storage.drivers', shape: { put: 'function' } }, 'content')
    badDriver.load([
      fakePlugin({ boot: ({ contribute }) => contribute('storage.drivers', { put: 'no' } as any) }),
    ])
    await assert.rejects(
      () => badDriver.runHook('boot'),
      'Plugin "fake": its contribution to "storage.drivers" is invalid: "put" must be a function, not a string'
    )

    const undeclared = new PluginRegistry(app)
    undeclared.load([
      fakePlugin({ boot: ({ contribute }) => contribute(greeters, { name: 'x', greet: String }) }),
    ])
    await assert.rejects(
      () => undeclared.runHook('boot'),
      /Plugin "fake": Unknown extension point "sample.greeters"/
    )

    const usurper = new PluginRegistry(app)
    usurper.load([fakePlugin({ register: ({ declare }) => void declare(consolePages) })])
    await assert.rejects(
      () => usurper.runHook('register'),
      /Plugin "fake": cannot declare extension point "console.pages": it belongs to "core"/
    )
  })

  test('contributions for a tenant leave out plugins that tenant disabled', async ({
    client,
    assert,
  }) => {
    const off = await makeTenant('contrib-off')
    const on = await makeTenant('contrib-on')
    ;(
      await client.put('/api/v1/plugins/sample').bearerToken(off.token).json({ enabled: false })
    ).assertStatus(200)
    const registry = await app.container.make(PluginRegistry)
    const owners = async (tenantId: string) =>
      withTenant(tenantId, async (trx) => ({
        pages: (await registry.contributions(consolePages, { tenant: trx })).map((c) => c.plugin),
        tabs: (await registry.contributions(projectTabs, { tenant: trx })).map((c) => c.plugin),
      }))
    const whenOff = await owners(off.tenant.id)
    assert.include(whenOff.pages, 'content')
    assert.notInclude(whenOff.pages, 'sample')
    assert.notInclude(whenOff.tabs, 'sample')
    const whenOn = await owners(on.tenant.id)
    assert.includeMembers(whenOn.pages, ['content', 'sample'])
    assert.include(whenOn.tabs, 'sample')

    // The console's links and its pages agree.
    const browser = new BrowserSession()
    await browser.signIn(off.tenant.slug, off.admin.email)
    assert.equal((await browser.page('/admin/ext/sample/overview')).status, 404)
    const dashboard = await browser.page('/admin')
    assert.equal(dashboard.status, 200)
    assert.include(dashboard.html, '/admin/ext/content/evaluations')
    assert.notInclude(dashboard.html, '/admin/ext/sample/overview')
  })

  test('enablement read in a transaction follows a change made in it', async ({ assert }) => {
    const { tenant, admin } = await makeTenant('enable-trx')
    const installations = await app.container.make(PluginInstallations)
    const registry = await app.container.make(PluginRegistry)
    await withTenant(tenant.id, async (trx) => {
      assert.isTrue(await installations.isEnabled(trx, 'sample'))
      assert.include(
        pluginsOf(await registry.contributions(consolePages, { tenant: trx })),
        'sample'
      )
      await installations.update(
        trx,
        { tenantId: tenant.id, actorId: admin.id, actorType: 'user' },
        'sample',
        { enabled: false }
      )
      assert.isFalse(await installations.isEnabled(trx, 'sample'))
      const pages = await registry.contributions(consolePages, { tenant: trx })
      assert.notInclude(pluginsOf(pages), 'sample')
      assert.include(pluginsOf(pages), 'content')
    })
  })

  test("a disabled plugin's consumer receives no event of that tenant", async ({
    client,
    assert,
  }) => {
    const off = await makeTenant('events-off')
    const on = await makeTenant('events-on')
    ;(
      await client.put('/api/v1/plugins/sample').bearerToken(off.token).json({ enabled: false })
    ).assertStatus(200)
    for (const { token } of [off, on]) {
      const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'P' })
      ;(
        await client
          .post('/api/v1/projects')
          .bearerToken(token)
          .json({ programId: program.body().data.id, name: 'Logged' })
      ).assertStatus(201)
    }
    await (await makeEventWorker()).runUntilIdle()
    const logged = (tenantId: string) =>
      withTenant(tenantId, (trx) => trx.from('sample_project_log').select('event_type'))
    assert.deepEqual(await logged(off.tenant.id), [])
    assert.deepEqual(await logged(on.tenant.id), [{ event_type: 'project.created' }])
  })

  test("a plugin route cannot shadow a core route (nor another plugin's)", async ({ assert }) => {
    const router = new RouterFactory().create()
    const ledger = recordRoutes(router)
    router.group(() => router.get('/projects/:id', () => 'core')).prefix('/api/v1')
    const registry = new PluginRegistry(app)
    registry.useRouteLedger(ledger)
    registry.load([
      fakePlugin({ rootRoutes: (r) => void r.get('/projects/:projectId', () => 'plugin') }),
    ])
    assert.throws(
      () => registry.mountRoutes(router, () => []),
      'Plugin "fake": route GET /api/v1/projects/:projectId shadows a route of the core'
    )

    const named = new PluginRegistry(app)
    named.useRouteLedger(ledger)
    named.load([fakePlugin({ name: 'projects', routes: (r) => void r.get('/:id', () => 'x') })])
    assert.throws(() => named.mountRoutes(router, () => []), /Plugin "projects": route GET/)

    const resource = new PluginRegistry(app)
    resource.useRouteLedger(ledger)
    resource.load([
      fakePlugin({
        // A resource reduced to its `show` route: GET /projects/:id.
        rootRoutes: (r) =>
          void r
            .resource('projects', class {})
            .except(['index', 'create', 'store', 'edit', 'update', 'destroy']),
      }),
    ])
    assert.throws(
      () => resource.mountRoutes(router, () => []),
      'Plugin "fake": route GET /api/v1/projects/:id shadows a route of the core'
    )

    const apart = new PluginRegistry(app)
    apart.useRouteLedger(ledger)
    apart.load([fakePlugin({ rootRoutes: (r) => void r.get('/fake-things', () => 'mine') })])
    assert.doesNotThrow(() => apart.mountRoutes(router, () => []))
  })

  test('a plugin defines its own abilities: the sample lets only admins clear its log', async ({
    client,
    assert,
  }) => {
    const registry = await app.container.make(PluginRegistry)
    assert.isDefined(registry.abilities()['sample.clearLog'])
    const { tenant, token } = await makeTenant('sampleauth')
    const editor = await makeUser(tenant.id, 'editor', 'Editor')
    ;(await client.delete('/api/v1/sample/log').bearerToken(editor.token)).assertStatus(403)
    ;(await client.delete('/api/v1/sample/log').bearerToken(token)).assertStatus(204)
  })
})

test.group('make:plugin', () => {
  test('scaffolds exactly the standard plugin shape with a valid manifest', async ({
    assert,
    cleanup,
  }) => {
    // Inside the app (so `#` imports resolve) but never in the repository's plugins/.
    const { mkdir } = await import('node:fs/promises')
    await mkdir(app.makePath('tmp'), { recursive: true })
    const dir = await mkdtemp(join(app.makePath('tmp'), 'make-plugin-'))
    cleanup(() => rm(dir, { recursive: true, force: true }))
    const { default: MakePlugin } = await import('#commands/make_plugin')
    const ace = await app.container.make('ace')
    const command = await ace.create(MakePlugin, [
      'scaffold-probe',
      `--dir=${relative(app.makePath(), dir)}`,
    ])
    await command.exec()
    command.assertSucceeded()

    const root = join(dir, 'scaffold-probe')
    const { readdir } = await import('node:fs/promises')
    assert.sameMembers(await readdir(root), [...PLUGIN_FILES, ...PLUGIN_FOLDERS])
    assert.isFalse(existsSync(app.makePath('plugins', 'scaffold-probe')))
    const { loadPluginSource } = await import('#plugins_core/discovery')
    const loaded = await loadPluginSource({ path: root })
    assert.equal(loaded.definition.name, 'scaffold-probe')
    assert.equal(loaded.root, root)
    assert.isFunction(loaded.definition.routes)
  })
})
