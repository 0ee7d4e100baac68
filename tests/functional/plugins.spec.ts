import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { lifecycle } from 'contextnexus-plugin-sample'
import { PluginRegistry } from '#plugins_core/registry'
import { discoverPlugins } from '#plugins_core/discovery'
import { makeTenant, makeUser } from '#tests/helpers/tenants'

test.group('Plugin registry', () => {
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

  test('plugins contribute to core and plugin-declared extension points', async ({ assert }) => {
    const registry = await app.container.make(PluginRegistry)
    const pages = registry.contributions<{ plugin: string; slug: string }>('console.pages')
    assert.containsSubset(pages, [{ plugin: 'sample', slug: 'overview', title: 'Sample plugin' }])
    const tabs = registry.contributions<{ plugin: string; slug: string }>('workspace.project-tabs')
    assert.containsSubset(tabs, [{ plugin: 'sample', slug: 'log', title: 'Sample log' }])
    const greeters = registry.contributions<{ greet(who: string): string }>('sample.greeters')
    assert.equal(greeters[0].greet('Ada'), 'Hello Ada')
    assert.throws(() => registry.contribute('no.such.point', {}), /Unknown extension point/)
  })

  test('lists installed plugins with version, capabilities and enablement', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('plugins')
    const response = await client.get('/api/v1/plugins').bearerToken(token)
    response.assertStatus(200)
    const sample = response.body().data.find((plugin: any) => plugin.name === 'sample')
    assert.containsSubset(sample, {
      version: '1.2.0',
      capabilities: ['console-page', 'event-consumer'],
      enabled: true,
      settings: { greeting: 'Hello', maxItems: 10 },
    })
  })

  test('mounts plugin routes under /api/v1/<plugin>, authenticated and tenant-scoped', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('routes')
    const response = await client.get('/api/v1/sample/greeting').bearerToken(token)
    response.assertStatus(200)
    assert.deepEqual(response.body(), { greeting: `Hello, ${tenant.name}`, loggedEvents: 0 })

    const anonymous = await client.get('/api/v1/sample/greeting')
    anonymous.assertStatus(401)
  })

  test('a plugin disabled for one tenant answers 404 to it and keeps serving others', async ({
    client,
    assert,
  }) => {
    const a = await makeTenant('off')
    const b = await makeTenant('on')
    const disable = await client
      .put('/api/v1/plugins/sample')
      .bearerToken(a.token)
      .json({ enabled: false })
    disable.assertStatus(200)

    ;(await client.get('/api/v1/sample/greeting').bearerToken(a.token)).assertStatus(404)
    ;(await client.get('/api/v1/sample/greeting').bearerToken(b.token)).assertStatus(200)

    const audit = await client.get('/api/v1/audit-log?action=plugin.disabled').bearerToken(a.token)
    assert.equal(audit.body().data[0].details.plugin, 'sample')

    await client.put('/api/v1/plugins/sample').bearerToken(a.token).json({ enabled: true })
    ;(await client.get('/api/v1/sample/greeting').bearerToken(a.token)).assertStatus(200)
  })

  test('settings are validated by the plugin schema, each bad field named', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('settings')
    const invalid = await client
      .put('/api/v1/plugins/sample')
      .bearerToken(token)
      .json({ settings: { greeting: 'x', maxItems: 1000 } })
    invalid.assertStatus(422)
    const fields = invalid
      .body()
      .errors.map((error: any) => error.field)
      .sort()
    assert.deepEqual(fields, ['settings.greeting', 'settings.maxItems'])

    const untouched = await client.get('/api/v1/sample/greeting').bearerToken(token)
    assert.match(untouched.body().greeting, /^Hello,/)

    const valid = await client
      .put('/api/v1/plugins/sample')
      .bearerToken(token)
      .json({ settings: { greeting: 'Welcome', maxItems: 5 } })
    valid.assertStatus(200)
    const greeting = await client.get('/api/v1/sample/greeting').bearerToken(token)
    assert.match(greeting.body().greeting, /^Welcome,/)
  })

  test('only tenant admins manage plugins; unknown plugins are 404', async ({ client }) => {
    const { tenant, token } = await makeTenant('pluginroles')
    const editor = await makeUser(tenant.id, 'editor', 'Editor')
    ;(
      await client.put('/api/v1/plugins/sample').bearerToken(editor.token).json({ enabled: false })
    ).assertStatus(403)
    ;(
      await client.put('/api/v1/plugins/nothing').bearerToken(token).json({ enabled: false })
    ).assertStatus(404)
  })
})

test.group('make:plugin', (group) => {
  const root = () => app.makePath('plugins', 'scaffold-probe')
  group.each.teardown(async () => {
    const { rm } = await import('node:fs/promises')
    await rm(root(), { recursive: true, force: true })
  })

  test('scaffolds the standard plugin shape with a valid manifest', async ({ assert }) => {
    const { default: MakePlugin } = await import('#commands/make_plugin')
    const ace = await app.container.make('ace')
    const command = await ace.create(MakePlugin, ['scaffold-probe'])
    await command.exec()
    command.assertSucceeded()

    const { existsSync } = await import('node:fs')
    for (const path of ['plugin.ts', 'routes.ts', 'controllers', 'migrations', 'pages', 'tests']) {
      assert.isTrue(existsSync(`${root()}/${path}`), `${path} is missing`)
    }
    const { loadPluginSource } = await import('#plugins_core/discovery')
    const loaded = await loadPluginSource({ path: 'plugins/scaffold-probe' })
    assert.equal(loaded.definition.name, 'scaffold-probe')
    assert.equal(loaded.root, root())
    assert.isFunction(loaded.definition.routes)
  })
})
