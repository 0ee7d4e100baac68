import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'
import drive from '@adonisjs/drive/services/main'
import env from '#start/env'
import { makeTenant } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'

async function project(client: any, token: string) {
  const program = await client
    .post('/api/v1/programs')
    .bearerToken(token)
    .json({ name: 'S3 program' })
  const created = await client
    .post('/api/v1/projects')
    .bearerToken(token)
    .json({ programId: program.body().data.id, name: 'S3 project' })
  return created.body().data.id as string
}

test.group('S3 storage type', (group) => {
  group.setup(async () => {
    const directory = await mkdtemp(join(tmpdir(), 'cnx-s3-'))
    const port = Number(new URL(env.get('S3_ENDPOINT')!).port)
    const server = new S3rver({
      port,
      address: '127.0.0.1',
      silent: true,
      directory,
      configureBuckets: [{ name: env.get('S3_BUCKET')!, configs: [] }],
    })
    await server.run()
    return async () => {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    }
  })

  test('an admin moves new files to S3; they are stored there, verified and deleted there', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('s3')
    const projectId = await project(client, token)

    const listed = await client.get('/api/v1/content/storage').bearerToken(token)
    assert.deepEqual(
      listed.body().data.map((driver: any) => [driver.key, driver.available, driver.isDefault]),
      [
        ['postgres', true, true],
        ['s3', true, false],
      ]
    )
    const unknown = await client
      .put('/api/v1/content/storage/default')
      .bearerToken(token)
      .json({ key: 'tape' })
    unknown.assertStatus(422)
    ;(
      await client.put('/api/v1/content/storage/default').bearerToken(token).json({ key: 's3' })
    ).assertStatus(200)

    const uploaded = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.from('# In the bucket\n\nStored in S3.\n'), { filename: 'bucket.md' })
    uploaded.assertStatus(201)
    const item = uploaded.body().data
    const path = `tenants/${tenant.id}/${item.sha256}`
    assert.isTrue(await drive.use('s3').exists(path))
    await withTenant(tenant.id, async (trx) => {
      assert.lengthOf(await trx.from('content_blobs'), 0, 'bytes also went to PostgreSQL')
    })

    const download = await client
      .get(`/api/v1/content/items/${item.id}/download`)
      .bearerToken(token)
    assert.equal(download.text(), '# In the bucket\n\nStored in S3.\n')

    await drive.use('s3').put(path, new TextEncoder().encode('tampered'))
    const corrupted = await client
      .get(`/api/v1/content/items/${item.id}/download`)
      .bearerToken(token)
    corrupted.assertStatus(500)
    assert.match(corrupted.body().errors[0].message, /corrupted/)

    await drive.use('s3').delete(path)
    const missing = await client.get(`/api/v1/content/items/${item.id}/download`).bearerToken(token)
    missing.assertStatus(500)
    assert.match(missing.body().errors[0].message, /missing/)

    const again = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.from('to be removed'), { filename: 'gone.txt' })
    const gonePath = `tenants/${tenant.id}/${again.body().data.sha256}`
    assert.isTrue(await drive.use('s3').exists(gonePath))
    ;(
      await client
        .delete(`/api/v1/content/items/${again.body().data.id}/permanent`)
        .bearerToken(token)
    ).assertStatus(204)
    assert.isFalse(await drive.use('s3').exists(gonePath))
  })

  test('a tenant that disables storage-s3 can no longer choose it or write to S3', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('s3off')
    const other = await makeTenant('s3on')
    const projectId = await project(client, token)
    ;(
      await client.put('/api/v1/content/storage/default').bearerToken(token).json({ key: 's3' })
    ).assertStatus(200)
    ;(
      await client.put('/api/v1/plugins/storage-s3').bearerToken(token).json({ enabled: false })
    ).assertStatus(200)

    const listed = await client.get('/api/v1/content/storage').bearerToken(token)
    assert.deepEqual(
      listed.body().data.map((driver: any) => driver.key),
      ['postgres']
    )
    const elsewhere = await client.get('/api/v1/content/storage').bearerToken(other.token)
    assert.deepEqual(
      elsewhere.body().data.map((driver: any) => driver.key),
      ['postgres', 's3'],
      'other tenants keep it'
    )
    const choose = await client
      .put('/api/v1/content/storage/default')
      .bearerToken(token)
      .json({ key: 's3' })
    choose.assertStatus(422)

    const bytes = Buffer.from('# Not for the bucket\n')
    const upload = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', bytes, { filename: 'refused.md' })
    upload.assertStatus(409)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    assert.isFalse(await drive.use('s3').exists(`tenants/${tenant.id}/${sha256}`))
    await withTenant(tenant.id, async (trx) => {
      assert.lengthOf(await trx.from('content_versions').whereLike('storage_key', 's3:%'), 0)
      // The refused request rolled back whole: not even the item row it wrote first.
      assert.lengthOf(await trx.from('content_items').where('title', 'like', 'refused%'), 0)
    })
  })
})
