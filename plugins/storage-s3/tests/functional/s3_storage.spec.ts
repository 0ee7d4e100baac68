import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import env from '#start/env'
import { makeTenant } from '#tests/helpers/tenants'
import { startS3Server } from '#tests/helpers/s3_server'
import { withTenant } from '#tenancy/with_tenant'
import { actionContextFor } from '#tenancy/action_context'
import { createContent } from '#plugins/content/services/content_service'
import { fileSource } from '#plugins/content/services/content_source'

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

const checksum = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A PNG of random pixels, stored uncompressed: `width` × `height` × 3 bytes and then some. */
function noisePng(width: number, height: number) {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer()
}

test.group('S3 storage type', (group) => {
  group.setup(startS3Server)

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

  test('an uploaded image goes to S3 from its file: its bytes are never read whole into memory', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { tenant, admin, token } = await makeTenant('s3stream')
    const projectId = await project(client, token)
    ;(
      await client.put('/api/v1/content/storage/default').bearerToken(token).json({ key: 's3' })
    ).assertStatus(200)
    const png = await noisePng(1200, 1000)
    assert.isAbove(png.length, 3 * 1024 * 1024)
    const directory = await mkdtemp(join(tmpdir(), 'cnx-upload-'))
    cleanup(() => rm(directory, { recursive: true, force: true }))
    const path = join(directory, 'noise.png')
    await writeFile(path, png)

    // The upload as the controller hands it over, watched: a whole-file read is counted.
    const file = await fileSource(path)
    let wholeReads = 0
    const watched = {
      ...file,
      readAll() {
        wholeReads++
        return file.readAll()
      },
    }
    const item = await withTenant(tenant.id, (trx) =>
      createContent(actionContextFor(tenant, admin, trx), {
        projectId,
        upload: watched,
        filename: 'noise.png',
      })
    )
    assert.equal(wholeReads, 0, 'the image was read whole into memory')
    assert.equal(item.sha256, checksum(png))
    assert.equal(Number(item.size_bytes), png.length)
    assert.deepInclude(item.metadata, { width: 1200, height: 1000, format: 'png' })
    assert.match(item.metadata.thumbnail.storageKey, /^s3:/)

    const stored = await drive.use('s3').getBytes(`tenants/${tenant.id}/${item.sha256}`)
    assert.equal(stored.length, png.length)
    assert.equal(checksum(stored), checksum(png), 'the object in the bucket is the uploaded file')
    await withTenant(tenant.id, async (trx) => {
      assert.lengthOf(await trx.from('content_blobs'), 0, 'bytes also went to PostgreSQL')
    })
    const thumbnail = await client
      .get(`/api/v1/content/items/${item.id}/thumbnail`)
      .bearerToken(token)
    thumbnail.assertStatus(200)
    const download = await client
      .get(`/api/v1/content/items/${item.id}/download`)
      .bearerToken(token)
    download.assertStatus(200)
  })

  test('a multi-megabyte image uploaded over HTTP round-trips through S3 byte for byte', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('s3big')
    const projectId = await project(client, token)
    ;(
      await client.put('/api/v1/content/storage/default').bearerToken(token).json({ key: 's3' })
    ).assertStatus(200)
    const png = await noisePng(1600, 1200)
    assert.isAbove(png.length, 5 * 1024 * 1024)

    const uploaded = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', png, { filename: 'large.png' })
    uploaded.assertStatus(201)
    const item = uploaded.body().data
    assert.equal(item.sha256, checksum(png))
    assert.deepEqual(item.metadata, { width: 1600, height: 1200, format: 'png' })
    assert.isTrue(item.hasThumbnail)
    const stored = await drive.use('s3').getBytes(`tenants/${tenant.id}/${item.sha256}`)
    assert.equal(checksum(stored), checksum(png))

    // Served only after the bytes read back from the bucket match the recorded checksum.
    const download = await fetch(
      `http://${env.get('HOST')}:${env.get('PORT')}/api/v1/content/items/${item.id}/download`,
      { headers: { authorization: `Bearer ${token}` } }
    )
    assert.equal(download.status, 200)
    const downloaded = Buffer.from(await download.arrayBuffer())
    assert.equal(downloaded.length, png.length)
    assert.equal(checksum(downloaded), checksum(png))
  })
})
