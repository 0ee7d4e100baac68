import { test } from '@japa/runner'
import { makeTenant } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { makeProject, upload } from './helpers.js'

const meters = async (client: any, token: string, projectId: string) => {
  const tenant = await client.get('/api/v1/tenant').bearerToken(token)
  tenant.assertStatus(200)
  const summary = await client
    .get(`/api/v1/content/projects/${projectId}/summary`)
    .bearerToken(token)
  summary.assertStatus(200)
  return { settings: tenant.body().data.limits.storageBytes, summary: summary.body().storage }
}

/* The storage meter the settings show is the figure the storage limit checks. */
test.group('Storage meter', () => {
  test('after uploads the settings and the project summary report the same stored bytes', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('meter')
    const projectId = await makeProject(client, token, 'Metered')
    const empty = await meters(client, token, projectId)
    assert.equal(empty.settings.used, 0)
    assert.equal(empty.summary.workspaceBytes, 0)

    const first = '# Meter\n\nsome stored words'
    const second = 'print("stored")\n'
    ;(await upload(client, token, projectId, first, 'meter.md')).assertStatus(201)
    ;(await upload(client, token, projectId, second, 'meter.py')).assertStatus(201)
    // The same bytes again are stored once, and counted once.
    ;(await upload(client, token, projectId, first, 'copy.md')).assertStatus(201)

    const expected = Buffer.byteLength(first) + Buffer.byteLength(second)
    const after = await meters(client, token, projectId)
    assert.equal(after.settings.used, expected)
    assert.equal(after.summary.workspaceBytes, expected)
    assert.equal(after.summary.projectBytes, expected)
    assert.equal(after.summary.limitBytes, after.settings.limit)
    assert.isAbove(after.settings.limit, 0)
  })

  test('the storage limit refuses exactly what the meter says would not fit', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('meter-limit')
    const projectId = await makeProject(client, token, 'Nearly full')
    const item = await upload(client, token, projectId, 'seed bytes', 'seed.txt')
    item.assertStatus(201)
    const { settings } = await meters(client, token, projectId)
    // Pretend the stored object is large: 10 bytes short of the limit.
    const updated = await withTenant(tenant.id, (trx) =>
      trx
        .from('content_versions')
        .where('content_item_id', item.body().data.id)
        .update({ size_bytes: settings.limit - 10 })
    )
    assert.equal(updated, 1)
    const full = await meters(client, token, projectId)
    assert.equal(full.settings.used, settings.limit - 10)
    assert.equal(full.summary.workspaceBytes, settings.limit - 10)

    const tooMuch = await upload(client, token, projectId, 'eleven byte', 'big.txt')
    tooMuch.assertStatus(413)
    assert.equal(tooMuch.body().errors[0].field, 'file')
    assert.match(tooMuch.body().errors[0].message, /storage limit/)
    ;(await upload(client, token, projectId, 'ten bytes!', 'fits.txt')).assertStatus(201)
    const exact = await meters(client, token, projectId)
    assert.equal(exact.settings.used, settings.limit)
  })
})
