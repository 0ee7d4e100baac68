import { test } from '@japa/runner'
import sharp from 'sharp'
import env from '#start/env'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { ingestAll, makePdf, makeProject, upload } from './helpers.js'

const restore = (client: any, token: string, id: string, version: number | string) =>
  client.post(`/api/v1/content/items/${id}/versions/${version}/restore`).bearerToken(token)

/** Raw bytes of a binary answer (the test client does not keep them). */
async function fetched(token: string, path: string) {
  const response = await fetch(`http://${env.get('HOST')}:${env.get('PORT')}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }
}

const png = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer()

const blobsOf = (tenantId: string, sha256: string) =>
  withTenant(tenantId, (trx) => trx.from('content_blobs').where('sha256', sha256))

const projectBytes = async (client: any, token: string, projectId: string) => {
  const summary = await client
    .get(`/api/v1/content/projects/${projectId}/summary`)
    .bearerToken(token)
  summary.assertStatus(200)
  return summary.body().storage.projectBytes as number
}

const searchTitles = async (client: any, token: string, q: string) => {
  const found = await client
    .get(`/api/v1/search?q=${encodeURIComponent(q)}&mode=fulltext`)
    .bearerToken(token)
  found.assertStatus(200)
  return found.body().data.map((hit: any) => hit.title) as string[]
}

test.group('Restoring an earlier version of a file', () => {
  test('an image: the restored version shares version 1 stored object, size, metadata and thumbnail; audited; deleting forever removes the shared object once', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('restore-image')
    const projectId = await makeProject(client, token, 'Images')
    const first = await png(640, 480, '#336699')
    const second = await png(200, 100, '#993366')

    const created = await upload(client, token, projectId, first, 'diagram.png')
    created.assertStatus(201)
    const item = created.body().data
    const replaced = await upload(client, token, projectId, second, 'diagram.png', 'version')
    replaced.assertStatus(200)
    assert.equal(replaced.body().data.version, 2)
    assert.deepEqual(replaced.body().data.metadata, { width: 200, height: 100, format: 'png' })

    const storedBefore = await projectBytes(client, token, projectId)
    assert.equal(storedBefore, first.length + second.length)
    const restored = await restore(client, token, item.id, 1)
    restored.assertStatus(200)
    // No copy: the project's stored bytes are what they were.
    assert.equal(await projectBytes(client, token, projectId), storedBefore)
    const current = restored.body().data
    assert.equal(current.version, 3)
    assert.equal(current.sha256, item.sha256)
    assert.equal(current.mimeType, 'image/png')
    assert.deepEqual(current.metadata, { width: 640, height: 480, format: 'png' })
    assert.isTrue(current.hasThumbnail)

    const download = await fetched(token, `/api/v1/content/items/${item.id}/download`)
    assert.equal(download.status, 200)
    assert.isTrue(download.bytes.equals(first))
    const thumbnail = await fetched(token, `/api/v1/content/items/${item.id}/thumbnail`)
    assert.equal(thumbnail.status, 200)
    const { width, height } = await sharp(thumbnail.bytes).metadata()
    assert.deepEqual({ width, height }, { width: 320, height: 240 })

    // Version 3 points to version 1's object: one stored copy of the first PNG.
    const versions = await withTenant(tenant.id, (trx) =>
      trx.from('content_versions').where('content_item_id', item.id).orderBy('version')
    )
    assert.deepEqual(
      versions.map((version) => version.version),
      [1, 2, 3]
    )
    assert.equal(versions[2].storage_key, versions[0].storage_key)
    assert.equal(versions[2].sha256, versions[0].sha256)
    assert.equal(Number(versions[2].size_bytes), first.length)
    assert.equal(versions[2].summary, 'Restored version 1')
    assert.lengthOf(await blobsOf(tenant.id, item.sha256), 1)
    const runs = await withTenant(tenant.id, (trx) =>
      trx.from('ingestion_runs').where({ content_item_id: item.id, version: 3 })
    )
    assert.lengthOf(runs, 1)

    const audit = await withTenant(tenant.id, (trx) =>
      trx
        .from('tenant_audit_log')
        .where('action', 'content.version_created')
        .where('subject_id', item.id)
    )
    assert.deepInclude(
      audit.map((entry) => entry.details),
      { version: 3, summary: 'Restored version 1' }
    )

    const thumbnailKey = await withTenant(tenant.id, async (trx) => {
      const row = await trx.from('content_items').where('id', item.id).first()
      return row.metadata.thumbnail.sha256 as string
    })
    const forever = await client
      .delete(`/api/v1/content/items/${item.id}/permanent`)
      .bearerToken(token)
    forever.assertStatus(204)
    assert.lengthOf(await blobsOf(tenant.id, item.sha256), 0)
    assert.lengthOf(await blobsOf(tenant.id, replaced.body().data.sha256), 0)
    assert.lengthOf(await blobsOf(tenant.id, thumbnailKey), 0)
  })

  test('a PDF: the restored version has version 1 text, which is searchable again after ingestion', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('restore-pdf')
    const projectId = await makeProject(client, token, 'Reports')
    const first = makePdf('Nozzle erosion in solid rocket motors')
    const second = makePdf('Turbopump cavitation margins')

    const created = await upload(client, token, projectId, first, 'report.pdf')
    created.assertStatus(201)
    const id = created.body().data.id
    ;(await upload(client, token, projectId, second, 'report.pdf', 'version')).assertStatus(200)
    await ingestAll()
    assert.deepEqual(await searchTitles(client, token, 'turbopump cavitation'), ['report.pdf'])
    assert.deepEqual(await searchTitles(client, token, 'nozzle erosion'), [])

    const restored = await restore(client, token, id, 1)
    restored.assertStatus(200)
    assert.equal(restored.body().data.version, 3)
    assert.equal(restored.body().data.mimeType, 'application/pdf')
    assert.equal(restored.body().data.metadata.pages, 1)
    const shown = await client.get(`/api/v1/content/items/${id}`).bearerToken(token)
    assert.include(shown.body().data.body, 'Nozzle erosion in solid rocket motors')
    const download = await fetched(token, `/api/v1/content/items/${id}/download`)
    assert.isTrue(download.bytes.equals(first))

    await ingestAll()
    assert.deepEqual(await searchTitles(client, token, 'nozzle erosion'), ['report.pdf'])
    assert.deepEqual(await searchTitles(client, token, 'turbopump cavitation'), [])
  })

  test('two restores at once both succeed, as consecutive versions', async ({ client, assert }) => {
    const { tenant, token } = await makeTenant('restore-race')
    const projectId = await makeProject(client, token, 'Raced')
    const created = await upload(client, token, projectId, makePdf('One'), 'race.pdf')
    const id = created.body().data.id
    const again = await upload(client, token, projectId, makePdf('Two'), 'race.pdf', 'version')
    again.assertStatus(200)

    const answers = await Promise.all([
      restore(client, token, id, 1),
      restore(client, token, id, 2),
    ])
    for (const answer of answers) answer.assertStatus(200)
    assert.sameMembers(
      answers.map((answer) => answer.body().data.version),
      [3, 4]
    )
    const versions = await withTenant(tenant.id, (trx) =>
      trx.from('content_versions').where('content_item_id', id).orderBy('version')
    )
    assert.deepEqual(
      versions.map((version) => version.summary),
      versions[2].summary === 'Restored version 1'
        ? ['Created', 'Uploaded race.pdf', 'Restored version 1', 'Restored version 2']
        : ['Created', 'Uploaded race.pdf', 'Restored version 2', 'Restored version 1']
    )
  })

  test('an unknown version is a 404; a viewer may not restore (403); nothing is written', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('restore-denied')
    const projectId = await makeProject(client, token, 'Guarded')
    const viewer = await makeUser(tenant.id, 'member', 'Reader')
    ;(
      await client
        .post(`/api/v1/projects/${projectId}/members`)
        .bearerToken(token)
        .json({ userId: viewer.user.id, role: 'viewer' })
    ).assertStatus(201)
    const created = await upload(client, token, projectId, makePdf('First words'), 'notes.pdf')
    const id = created.body().data.id
    const again = await upload(
      client,
      token,
      projectId,
      makePdf('Other words'),
      'notes.pdf',
      'version'
    )
    again.assertStatus(200)

    const unknown = await restore(client, token, id, 7)
    unknown.assertStatus(404)
    assert.match(unknown.body().errors?.[0]?.message ?? unknown.body().message, /Version 7/)
    ;(await restore(client, viewer.token, id, 1)).assertStatus(403)

    const versions = await withTenant(tenant.id, (trx) =>
      trx.from('content_versions').where('content_item_id', id)
    )
    assert.lengthOf(versions, 2)
    const shown = await client.get(`/api/v1/content/items/${id}`).bearerToken(token)
    assert.equal(shown.body().data.version, 2)
  })
})
