import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { addText, ingestAll, makeProject } from './helpers.js'

/* The storage choice and a project's ingestion summary, read and written through their routes. */
test.group('Content storage choice and project summary', () => {
  test('PostgreSQL is the default storage until an admin chooses; the choice is audited', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('storage-choice')
    const member = await makeUser(tenant.id, 'member', 'Chooser')
    const listed = await client.get('/api/v1/content/storage').bearerToken(token)
    listed.assertStatus(200)
    const defaults = listed.body().data.filter((driver: any) => driver.isDefault)
    assert.deepEqual(
      defaults.map((driver: any) => driver.key),
      ['postgres']
    )

    const unknown = await client
      .put('/api/v1/content/storage/default')
      .bearerToken(token)
      .json({ key: 'nowhere' })
    unknown.assertStatus(422)
    assert.equal(unknown.body().errors[0].field, 'key')
    ;(
      await client
        .put('/api/v1/content/storage/default')
        .bearerToken(member.token)
        .json({ key: 'postgres' })
    ).assertStatus(403)

    const chosen = await client
      .put('/api/v1/content/storage/default')
      .bearerToken(token)
      .json({ key: 'postgres' })
    chosen.assertStatus(200)
    assert.isTrue(chosen.body().data.find((driver: any) => driver.key === 'postgres').isDefault)
    const rows = await withTenant(tenant.id, (trx) =>
      trx.from('storage_types').where('is_default', true).select('key')
    )
    assert.deepEqual(
      rows.map((row) => row.key),
      ['postgres']
    )
    const audit = await withTenant(tenant.id, (trx) =>
      trx.from('tenant_audit_log').where('action', 'content.storage_chosen')
    )
    assert.lengthOf(audit, 1)
    assert.deepEqual(audit[0].details, {
      key: 'postgres',
      changes: { storage: { from: null, to: 'postgres' } },
    })
  })

  test("a project's summary counts its items by ingestion status", async ({ client, assert }) => {
    const { token } = await makeTenant('summary')
    const projectId = await makeProject(client, token, 'Summed')
    await addText(client, token, projectId, 'One', 'first text', 'text')
    await addText(client, token, projectId, 'Two', 'second text', 'text')

    const pending = await client
      .get(`/api/v1/content/projects/${projectId}/summary`)
      .bearerToken(token)
    pending.assertStatus(200)
    assert.deepEqual(pending.body().data, { pending: 2 })

    await ingestAll()
    const done = await client
      .get(`/api/v1/content/projects/${projectId}/summary`)
      .bearerToken(token)
    assert.deepEqual(done.body().data, { done: 2 })
  })
})
