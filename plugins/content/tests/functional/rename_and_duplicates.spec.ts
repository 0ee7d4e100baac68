import { test } from '@japa/runner'
import sharp from 'sharp'
import { makeTenant } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { addText, makePdf, makeProject, upload } from './helpers.js'

const auditOf = (tenantId: string, action: string) =>
  withTenant(tenantId, (trx) => trx.from('tenant_audit_log').where('action', action))

test.group('Renaming and describing items', () => {
  test('title and description change, are returned and audited; the description can be cleared', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('describe')
    const projectId = await makeProject(client, token, 'Described')
    const id = await addText(client, token, projectId, 'Draft', '# Notes\n\nbody')

    const changed = await client
      .patch(`/api/v1/content/items/${id}`)
      .bearerToken(token)
      .json({ title: '  Launch notes ', description: 'What we learned at the launch' })
    changed.assertStatus(200)
    assert.equal(changed.body().data.title, 'Launch notes')
    assert.equal(changed.body().data.description, 'What we learned at the launch')
    assert.equal(changed.body().data.version, 1)
    const shown = await client.get(`/api/v1/content/items/${id}`).bearerToken(token)
    assert.equal(shown.body().data.description, 'What we learned at the launch')
    const listed = await client
      .get(`/api/v1/content/items?projectId=${projectId}`)
      .bearerToken(token)
    assert.equal(listed.body().data[0].description, 'What we learned at the launch')

    const renamed = await auditOf(tenant.id, 'content.renamed')
    assert.lengthOf(renamed, 1)
    assert.deepEqual(renamed[0].details, {
      changes: { title: { from: 'Draft', to: 'Launch notes' } },
    })
    const described = await auditOf(tenant.id, 'content.described')
    assert.lengthOf(described, 1)
    assert.deepEqual(described[0].details, {
      title: 'Launch notes',
      changes: { description: { from: null, to: 'What we learned at the launch' } },
    })

    const cleared = await client
      .patch(`/api/v1/content/items/${id}`)
      .bearerToken(token)
      .json({ description: null })
    cleared.assertStatus(200)
    assert.isNull(cleared.body().data.description)
    assert.lengthOf(await auditOf(tenant.id, 'content.described'), 2)
  })

  test('a title or description over its column size, or an empty title, is a 422 naming the field', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('describe-bad')
    const projectId = await makeProject(client, token, 'Strict')
    const id = await addText(client, token, projectId, 'Kept title', 'body')
    for (const [body, field] of [
      [{ description: 'x'.repeat(5001) }, 'description'],
      [{ title: 'x'.repeat(501) }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: '' }, 'title'],
      [{ description: 42 }, 'description'],
    ] as const) {
      const response = await client
        .patch(`/api/v1/content/items/${id}`)
        .bearerToken(token)
        .json(body)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field)
    }
    const shown = await client.get(`/api/v1/content/items/${id}`).bearerToken(token)
    assert.equal(shown.body().data.title, 'Kept title')
    assert.isNull(shown.body().data.description)
    ;(
      await client
        .patch('/api/v1/content/items/00000000-0000-4000-8000-000000000000')
        .bearerToken(token)
        .json({ title: 'Nope' })
    ).assertStatus(404)
  })
})

test.group('Re-uploading a file name the project already holds', () => {
  test('without a choice the answer is 409 naming the existing item, and nothing is written', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('dup-409')
    const projectId = await makeProject(client, token, 'Dupes')
    const first = await upload(client, token, projectId, '# One\n\nfirst', 'notes.md')
    first.assertStatus(201)
    const again = await upload(client, token, projectId, '# One\n\nsecond', 'notes.md')
    again.assertStatus(409)
    assert.equal(again.body().errors[0].field, 'file')
    assert.deepEqual(again.body().existing, {
      id: first.body().data.id,
      title: 'notes.md',
      version: 1,
    })
    assert.sameMembers(again.body().choices, ['version', 'keep-both'])
    const items = await withTenant(tenant.id, (trx) =>
      trx.from('content_items').where('project_id', projectId)
    )
    assert.lengthOf(items, 1)

    const otherCase = await upload(client, token, projectId, '# One\n\nshouting', 'NOTES.md')
    otherCase.assertStatus(409)
    assert.equal(otherCase.body().existing.id, first.body().data.id)

    const other = await upload(client, token, projectId, '# Other', 'other.md')
    other.assertStatus(201)
    const bad = await upload(client, token, projectId, '# x', 'notes.md', 'replace')
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'onDuplicate')
  })

  test('uploads of one file name at the same moment make one item; the others get 409', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('dup-race')
    const projectId = await makeProject(client, token, 'Race')
    const answers = await Promise.all(
      [1, 2, 3].map((n) => upload(client, token, projectId, `# Take ${n}\n\nbody`, 'race.md'))
    )
    assert.sameMembers(
      answers.map((answer) => answer.status()),
      [201, 409, 409]
    )
    const items = await withTenant(tenant.id, (trx) =>
      trx.from('content_items').where({ project_id: projectId, original_filename: 'race.md' })
    )
    assert.lengthOf(items, 1)
  })

  test('"version" appends a new version to the existing item; another type is a 422', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('dup-version')
    const projectId = await makeProject(client, token, 'Versions')
    const first = await upload(client, token, projectId, '# Plan\n\nold plan', 'plan.md')
    first.assertStatus(201)
    const id = first.body().data.id

    const next = await upload(client, token, projectId, '# Plan\n\nnew plan', 'plan.md', 'version')
    next.assertStatus(200)
    assert.equal(next.body().data.id, id)
    assert.equal(next.body().data.version, 2)
    const shown = await client.get(`/api/v1/content/items/${id}`).bearerToken(token)
    assert.equal(shown.body().data.body, '# Plan\n\nnew plan')
    const versions = await client.get(`/api/v1/content/items/${id}/versions`).bearerToken(token)
    assert.deepEqual(
      versions.body().data.map((version: any) => [version.version, version.summary]),
      [
        [2, 'Uploaded plan.md'],
        [1, 'Created'],
      ]
    )
    const created = await auditOf(tenant.id, 'content.version_created')
    assert.lengthOf(created, 1)
    const items = await withTenant(tenant.id, (trx) =>
      trx.from('content_items').where('project_id', projectId)
    )
    assert.lengthOf(items, 1)

    // A PDF named like a Markdown item: a different type, so not its version.
    await upload(client, token, projectId, makePdf('report'), 'report.pdf').then((r: any) =>
      r.assertStatus(201)
    )
    const wrongType = await withTenant(tenant.id, (trx) =>
      trx
        .from('content_items')
        .where('original_filename', 'report.pdf')
        .update({ original_filename: 'spec.md' })
    )
    assert.equal(wrongType, 1)
    const mismatch = await upload(client, token, projectId, '# Spec', 'spec.md', 'version')
    mismatch.assertStatus(422)
    assert.equal(mismatch.body().errors[0].field, 'file')
    assert.match(mismatch.body().errors[0].message, /must be pdf/)
  })

  test('a new version of an image takes its size and thumbnail; the old thumbnail is removed', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('dup-image')
    const projectId = await makeProject(client, token, 'Pictures')
    const png = (width: number, background: string) =>
      sharp({ create: { width, height: 40, channels: 3, background } })
        .png()
        .toBuffer()
    const first = await upload(client, token, projectId, await png(80, '#336699'), 'chart.png')
    first.assertStatus(201)
    const thumbnails = () =>
      withTenant(tenant.id, async (trx) => {
        const [item] = await trx.from('content_items').where('project_id', projectId)
        const key = item.metadata.thumbnail.storageKey as string
        const blobs = await trx
          .from('content_blobs')
          .where('sha256', item.metadata.thumbnail.sha256)
        return { key, stored: blobs.length }
      })
    const before = await thumbnails()
    assert.equal(before.stored, 1)

    const next = await upload(
      client,
      token,
      projectId,
      await png(120, '#993366'),
      'chart.png',
      'version'
    )
    next.assertStatus(200)
    assert.equal(next.body().data.version, 2)
    assert.containsSubset(next.body().data.metadata, { width: 120, height: 40 })
    assert.isTrue(next.body().data.hasThumbnail)
    const after = await thumbnails()
    assert.notEqual(after.key, before.key)
    assert.equal(after.stored, 1)
    const old = await withTenant(tenant.id, (trx) =>
      trx.from('content_blobs').whereRaw(`'postgres:' || sha256 = ?`, [before.key])
    )
    assert.lengthOf(old, 0)
  })

  test('"keep-both" creates a second item beside the first', async ({ client, assert }) => {
    const { tenant, token } = await makeTenant('dup-both')
    const projectId = await makeProject(client, token, 'Both')
    const first = await upload(client, token, projectId, 'print(1)\n', 'main.py')
    first.assertStatus(201)
    const second = await upload(client, token, projectId, 'print(2)\n', 'main.py', 'keep-both')
    second.assertStatus(201)
    assert.notEqual(second.body().data.id, first.body().data.id)
    assert.equal(second.body().data.version, 1)
    const items = await withTenant(tenant.id, (trx) =>
      trx.from('content_items').where('project_id', projectId).select('original_filename')
    )
    assert.deepEqual(
      items.map((item) => item.original_filename),
      ['main.py', 'main.py']
    )
    // A trashed namesake is not in the way: the file is simply a new item.
    ;(
      await client.delete(`/api/v1/content/items/${first.body().data.id}`).bearerToken(token)
    ).assertStatus(204)
    ;(
      await client.delete(`/api/v1/content/items/${second.body().data.id}`).bearerToken(token)
    ).assertStatus(204)
    ;(await upload(client, token, projectId, 'print(3)\n', 'main.py')).assertStatus(201)
  })
})
