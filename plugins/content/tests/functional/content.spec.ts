import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { addText, ingestAll, makeProject } from './helpers.js'

const fieldsOf = (response: any) =>
  response
    .body()
    .errors.map((error: any) => error.field)
    .sort()

test.group('Content items', () => {
  test('a markdown item is stored, versioned and ingested into chunks', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('content')
    const projectId = await makeProject(client, token)
    const body = `# Turbines\n\nGas turbines compress air.\n\n# Blades\n\nBlades are cooled by bleed air.`
    const id = await addText(client, token, projectId, 'Engine notes', body)

    const pending = await client.get(`/api/v1/content/items/${id}`).bearerToken(token)
    assert.equal(pending.body().data.ingestion.status, 'pending')
    assert.equal(pending.body().data.body, body)

    await ingestAll()
    const shown = await client.get(`/api/v1/content/items/${id}`).bearerToken(token)
    assert.equal(shown.body().data.ingestion.status, 'done')
    assert.isAbove(shown.body().data.ingestion.chunks, 0)

    const chunks = await withTenant(tenant.id, (trx) =>
      trx.from('content_chunks').where('content_item_id', id).orderBy('position')
    )
    for (const chunk of chunks) {
      assert.equal(body.slice(chunk.start_offset, chunk.end_offset), chunk.body)
      assert.isAbove(chunk.token_count, 0)
      assert.lengthOf(chunk.embedding, 256)
    }
  })

  test('every change of body is a numbered version; diff and restore work', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('versions')
    const projectId = await makeProject(client, token)
    const id = await addText(client, token, projectId, 'Plan', 'line one\nline two\n', 'text')

    const edited = await client
      .patch(`/api/v1/content/items/${id}`)
      .bearerToken(token)
      .json({ body: 'line one\nline 2\nline three\n', summary: 'Clarified' })
    assert.equal(edited.body().data.version, 2)

    const renamed = await client
      .patch(`/api/v1/content/items/${id}`)
      .bearerToken(token)
      .json({ title: 'Plan B' })
    assert.equal(renamed.body().data.version, 2, 'a new title alone makes no version')

    const versions = await client.get(`/api/v1/content/items/${id}/versions`).bearerToken(token)
    assert.deepEqual(
      versions.body().data.map((version: any) => [version.version, version.summary]),
      [
        [2, 'Clarified'],
        [1, 'Created'],
      ]
    )

    const diff = await client.get(`/api/v1/content/items/${id}/diff?from=1&to=2`).bearerToken(token)
    assert.equal(diff.body().data.added, 2)
    assert.equal(diff.body().data.removed, 1)
    assert.include(diff.body().data.patch, '-line two')
    assert.include(diff.body().data.patch, '+line three')

    const restored = await client
      .post(`/api/v1/content/items/${id}/versions/1/restore`)
      .bearerToken(token)
    assert.equal(restored.body().data.version, 3)
    const shown = await client.get(`/api/v1/content/items/${id}`).bearerToken(token)
    assert.equal(shown.body().data.body, 'line one\nline two\n')
  })

  test('edits sent at the same moment become consecutive versions', async ({ client, assert }) => {
    const { token } = await makeTenant('edit-race')
    const projectId = await makeProject(client, token)
    const id = await addText(client, token, projectId, 'Busy', 'first\n', 'text')
    const edits = await Promise.all(
      ['a', 'b', 'c'].map((take) =>
        client
          .patch(`/api/v1/content/items/${id}`)
          .bearerToken(token)
          .json({ body: `take ${take}\n` })
      )
    )
    assert.deepEqual(
      edits.map((edit) => edit.status()),
      [200, 200, 200]
    )
    assert.sameMembers(
      edits.map((edit) => edit.body().data.version),
      [2, 3, 4]
    )
    const versions = await client.get(`/api/v1/content/items/${id}/versions`).bearerToken(token)
    assert.lengthOf(versions.body().data, 4)
  })

  test('bad input is refused with the field named and leaves nothing behind', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('badcontent')
    const projectId = await makeProject(client, token)
    const invalid = await client
      .post('/api/v1/content/items')
      .bearerToken(token)
      .json({ projectId, type: 'pdf' })
    invalid.assertStatus(422)
    assert.deepEqual(fieldsOf(invalid), ['body', 'title', 'type'])

    const binary = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), { filename: 'notes.md' })
    binary.assertStatus(422)
    assert.deepEqual(fieldsOf(binary), ['file'])
    assert.match(binary.body().errors[0].message, /does not look like markdown/)

    const empty = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.alloc(0), { filename: 'empty.txt' })
    empty.assertStatus(422)

    await withTenant(tenant.id, (trx) =>
      trx.table('content_types').insert({ tenant_id: tenant.id, key: 'text', max_bytes: 10 })
    )
    const tooBig = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.from('this text is longer than ten bytes'), { filename: 'big.txt' })
    tooBig.assertStatus(413)
    assert.deepEqual(fieldsOf(tooBig), ['file'])

    await withTenant(tenant.id, async (trx) => {
      for (const table of [
        'content_items',
        'content_versions',
        'content_blobs',
        'ingestion_runs',
      ]) {
        assert.lengthOf(await trx.from(table), 0, `${table} kept a half-written row`)
      }
      const events = await trx.from('domain_events').where('type', 'like', 'content.%')
      assert.lengthOf(events, 0)
    })
  })

  test('an uploaded code file keeps its bytes, language and checksum; damage is reported', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('upload')
    const projectId = await makeProject(client, token)
    const source = 'export function add(a: number, b: number) {\n  return a + b\n}\n'
    const uploaded = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.from(source), { filename: 'math.ts' })
    uploaded.assertStatus(201)
    const item = uploaded.body().data
    assert.equal(item.type, 'code')
    assert.equal(item.language, 'typescript')

    const download = await client
      .get(`/api/v1/content/items/${item.id}/download`)
      .bearerToken(token)
    download.assertStatus(200)
    assert.equal(download.text(), source)
    assert.include(download.header('content-disposition'), 'math.ts')

    // Damage the stored bytes behind the app's back.
    await withTenant(tenant.id, (trx) =>
      trx
        .from('content_blobs')
        .where('sha256', item.sha256)
        .update({ bytes: Buffer.from('tampered') })
    )
    const damaged = await client.get(`/api/v1/content/items/${item.id}/download`).bearerToken(token)
    damaged.assertStatus(500)
    assert.match(damaged.body().errors[0].message, /corrupted and was not served/)
  })

  test('lists with filters and cursor pagination', async ({ client, assert }) => {
    const { token } = await makeTenant('listing')
    const first = await makeProject(client, token, 'First')
    const second = await makeProject(client, token, 'Second')
    for (const title of ['A', 'B', 'C', 'D', 'E'])
      await addText(client, token, first, title, `Body ${title}`, 'text')
    await addText(client, token, second, 'Elsewhere', 'Body', 'markdown')

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: any = await client
        .get(`/api/v1/content/items?projectId=${first}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .bearerToken(token)
      seen.push(...page.body().data.map((item: any) => item.title))
      cursor = page.body().meta.nextCursor
    } while (cursor)
    assert.deepEqual(seen, ['E', 'D', 'C', 'B', 'A'])

    const markdown = await client.get('/api/v1/content/items?type=markdown').bearerToken(token)
    assert.deepEqual(
      markdown.body().data.map((item: any) => item.title),
      ['Elsewhere']
    )
    const encode = (text: string) => Buffer.from(text).toString('base64url')
    for (const badCursor of [
      'nonsense',
      encode('x|y'),
      encode('1|00000000-0000-4000-8000-000000000000'),
      encode('2026-01-01T00:00:00.000Z|not-a-uuid'),
      encode('99999-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
      encode(`2026-01-01T00:00:00.000Z|${'a'.repeat(80)}`),
    ]) {
      const bad = await client.get(`/api/v1/content/items?cursor=${badCursor}`).bearerToken(token)
      bad.assertStatus(422)
      assert.deepEqual(
        bad.body().errors.map((error: any) => error.field),
        ['cursor']
      )
    }
  })

  test('soft delete hides, restore brings back, hard delete is for project admins', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('deletes')
    const projectId = await makeProject(client, token)
    const editor = await makeUser(tenant.id, 'member', 'Writer')
    const viewer = await makeUser(tenant.id, 'member', 'Reader')
    await client
      .post(`/api/v1/projects/${projectId}/members`)
      .bearerToken(token)
      .json({ userId: editor.user.id, role: 'editor' })
    await client
      .post(`/api/v1/projects/${projectId}/members`)
      .bearerToken(token)
      .json({ userId: viewer.user.id, role: 'viewer' })

    const denied = await client
      .post('/api/v1/content/items')
      .bearerToken(viewer.token)
      .json({ projectId, title: 'x', type: 'text', body: 'x' })
    denied.assertStatus(403)
    const id = await addText(client, editor.token, projectId, 'Draft', 'Draft body', 'text')
    ;(await client.get(`/api/v1/content/items/${id}`).bearerToken(viewer.token)).assertStatus(200)

    ;(await client.delete(`/api/v1/content/items/${id}`).bearerToken(editor.token)).assertStatus(
      204
    )
    const listed = await client
      .get(`/api/v1/content/items?projectId=${projectId}`)
      .bearerToken(token)
    assert.lengthOf(listed.body().data, 0)
    const trash = await client
      .get(`/api/v1/content/items?projectId=${projectId}&deleted=only`)
      .bearerToken(token)
    assert.lengthOf(trash.body().data, 1)

    ;(
      await client.post(`/api/v1/content/items/${id}/restore`).bearerToken(editor.token)
    ).assertStatus(200)
    ;(
      await client.delete(`/api/v1/content/items/${id}/permanent`).bearerToken(editor.token)
    ).assertStatus(403)
    ;(await client.delete(`/api/v1/content/items/${id}/permanent`).bearerToken(token)).assertStatus(
      204
    )
    ;(await client.get(`/api/v1/content/items/${id}`).bearerToken(token)).assertStatus(404)
    await withTenant(tenant.id, async (trx) => {
      assert.lengthOf(await trx.from('content_blobs'), 0, 'unused bytes were kept')
    })
  })

  test('another tenant cannot read, change or find content', async ({ client, assert }) => {
    const a = await makeTenant('contenta')
    const b = await makeTenant('contentb')
    const projectId = await makeProject(client, b.token)
    const id = await addText(
      client,
      b.token,
      projectId,
      'Secret plans',
      'the secret turbine plans',
      'text'
    )
    await ingestAll()
    for (const request of [
      client.get(`/api/v1/content/items/${id}`),
      client.get(`/api/v1/content/items/${id}/download`),
      client.patch(`/api/v1/content/items/${id}`).json({ title: 'mine' }),
      client.delete(`/api/v1/content/items/${id}`),
    ]) {
      ;(await request.bearerToken(a.token)).assertStatus(404)
    }
    for (const mode of ['fulltext', 'fuzzy', 'semantic', 'hybrid']) {
      const found = await client
        .get(`/api/v1/search?q=secret%20turbine&mode=${mode}`)
        .bearerToken(a.token)
      assert.lengthOf(found.body().data, 0, `${mode} leaked another tenant's content`)
    }
  })
})
