import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import { defineExtensionPoint } from '#plugins_core/contract'
import { PluginInstallations } from '#services/plugin_installations'
import { embeddingProviders } from '#plugins/content/services/extension_points'
import { withTenant } from '#tenancy/with_tenant'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'

test.group('Plugins in the admin API', () => {
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

  test('the embedding provider is one of the contributed providers; the schema offers them', async ({
    client,
    assert,
  }) => {
    const { tenant, token, admin } = await makeTenant('choices')
    const registry = await app.container.make(PluginRegistry)
    const contributed = registry.contributions(embeddingProviders).map(({ value }) => value.key)
    assert.include(contributed, 'hashing-256')

    const listed = await client.get('/api/v1/plugins').bearerToken(token)
    const content = listed.body().data.find((plugin: any) => plugin.name === 'content')
    const property = content.settingsSchema.properties.embeddingProvider
    assert.deepEqual(property.enum, contributed)
    assert.containsSubset(property.oneOf, [{ const: 'hashing-256' }])
    assert.isString(property.oneOf[0].title)

    const unknown = await client
      .put('/api/v1/plugins/content')
      .bearerToken(token)
      .json({ settings: { chunkTokens: 500, chunkOverlap: 40, embeddingProvider: 'telepathy' } })
    unknown.assertStatus(422)
    assert.deepEqual(
      unknown.body().errors.map((error: any) => error.field),
      ['settings.embeddingProvider']
    )
    assert.include(unknown.body().errors[0].message, '"telepathy"')
    assert.include(unknown.body().errors[0].message, '"hashing-256"')
    // Nothing half-written: the valid chunkTokens of the refused request was not saved.
    const stored = await withTenant(tenant.id, async (trx) =>
      (await app.container.make(PluginInstallations)).settingsFor(trx, 'content')
    )
    assert.equal(stored.chunkTokens, 300)

    const valid = await client
      .put('/api/v1/plugins/content')
      .bearerToken(token)
      .json({ settings: { chunkTokens: 500, chunkOverlap: 40, embeddingProvider: 'hashing-256' } })
    valid.assertStatus(200)
    assert.equal(valid.body().data.settings.embeddingProvider, 'hashing-256')

    // The console's settings form is a select of those providers.
    const browser = new BrowserSession()
    await browser.signIn(tenant.slug, admin.email)
    const form = await browser.page('/admin/plugins/content')
    assert.equal(form.status, 200)
    // A select (Nuxt UI's, with its hidden native <select> for forms) showing the choice,
    // whose options are the schema's enum of contributed providers.
    assert.match(form.html, /<button[^>]*id="setting-embeddingProvider"/)
    assert.match(form.html, /<select[^>]*name="embeddingProvider"[^>]*value="hashing-256"/)
    assert.match(form.html, /"embeddingProvider":\{"type":"string"[^}]*"enum":\["hashing-256"\]/)
  })

  test('a settingsChoices setting takes the keys of enabled plugins only', async ({ assert }) => {
    const registry = new PluginRegistry(app)
    const point = defineExtensionPoint<{ key: string; label: string }>('fake.engines', {
      key: 'string',
      label: 'string',
    })
    registry.declare(point, 'owner')
    registry.contribute(point, { key: 'fast', label: 'Fast engine' }, 'owner')
    registry.contribute(point, { key: 'slow', label: 'Slow engine' }, 'extra')
    registry.useEnablement({
      enabledPlugins: async () => new Set(['owner']),
      settingsFor: async () => ({}),
    })
    const { tenant } = await makeTenant('choices-enabled')
    const choices = await withTenant(tenant.id, (trx) => registry.choices('fake.engines', trx))
    assert.deepEqual(choices, [{ value: 'fast', label: 'Fast engine', plugin: 'owner' }])
    const none = await withTenant(tenant.id, (trx) => registry.choices('fake.undeclared', trx))
    assert.deepEqual(none, [])
  })

  test('plugins show a description and whether the server configured them', async ({
    client,
    assert,
  }) => {
    const { tenant, token, admin } = await makeTenant('configured')
    const byName = async () => {
      const response = await client.get('/api/v1/plugins').bearerToken(token)
      response.assertStatus(200)
      return new Map(response.body().data.map((plugin: any) => [plugin.name, plugin]))
    }
    const configured = await byName()
    const content = configured.get('content') as any
    assert.isAbove(content.description.length, 20)
    assert.deepEqual(content.configured, { ok: true, reason: null })
    assert.match((configured.get('storage-s3') as any).description, /S3/)
    // The test environment has an S3 server configured.
    assert.deepEqual((configured.get('storage-s3') as any).configured, { ok: true, reason: null })

    const saved = Object.fromEntries(
      ['S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_ENDPOINT'].map((name) => [
        name,
        process.env[name],
      ])
    )
    try {
      for (const name of Object.keys(saved)) delete process.env[name]
      const s3 = (await byName()).get('storage-s3') as any
      assert.isFalse(s3.configured.ok)
      assert.equal(
        s3.configured.reason,
        'S3 is not configured: set S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY (and S3_ENDPOINT for MinIO or another S3-compatible server)'
      )

      // The console's plugin list says so too.
      const browser = new BrowserSession()
      await browser.signIn(tenant.slug, admin.email)
      const page = await browser.page('/admin/plugins')
      assert.equal(page.status, 200)
      assert.include(page.html, 'S3 is not configured: set S3_BUCKET')
      assert.include(page.html, content.description)
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value !== undefined) process.env[name] = value
      }
    }
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
