import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { addText, ingestAll, makeProject } from '#plugins/content/tests/functional/helpers'
import { contextEntries } from '#plugins/threads/services/thread_content'

type Client = any

const fieldsOf = (response: any) =>
  response
    .body()
    .errors.map((error: any) => error.field)
    .sort()

const messageOf = (response: any, field: string) =>
  response.body().errors.find((error: any) => error.field === field)?.message as string

/** A Markdown text of four sections, each long enough to be a chunk of its own. */
const SECTIONS = ['alphaword', 'bravoword', 'charlieword', 'deltaword']
const longText = SECTIONS.map(
  (word, index) =>
    `# Section ${index + 1}\n\n${word} ${'the turbine blade passes the tower again '.repeat(45)}\n`
).join('\n')

async function newThread(client: Client, token: string, projectId: string, name = 'Research') {
  const response = await client
    .post(`/api/v1/threads/projects/${projectId}`)
    .bearerToken(token)
    .json({ name })
  response.assertStatus(201)
  return response.body().data.id as string
}

/** The id of the chunk of the project that holds `word` (full-text search by passage). */
async function chunkWith(client: Client, token: string, projectId: string, word: string) {
  const response = await client
    .get('/api/v1/search')
    .bearerToken(token)
    .qs({ q: word, group: 'chunk', mode: 'fulltext', projectId })
  response.assertStatus(200)
  const [hit] = response.body().data
  if (!hit?.chunkId) throw new Error(`no chunk holds ${word}`)
  return hit.chunkId as string
}

async function context(client: Client, token: string, threadId: string) {
  const response = await client.get(`/api/v1/threads/${threadId}/context`).bearerToken(token)
  response.assertStatus(200)
  return response.body().data as any[]
}

function add(client: Client, token: string, threadId: string, body: object) {
  return client.post(`/api/v1/threads/${threadId}/context`).bearerToken(token).json(body)
}

async function makeTag(client: Client, token: string, projectId: string, name: string) {
  const response = await client
    .post(`/api/v1/content/projects/${projectId}/tags`)
    .bearerToken(token)
    .json({ name })
  response.assertStatus(201)
  return response.body().data.id as string
}

async function tagItem(client: Client, token: string, itemId: string, tagId: string) {
  const response = await client
    .post(`/api/v1/content/items/${itemId}/tags`)
    .bearerToken(token)
    .json({ tagId })
  response.assertStatus(204)
}

async function auditCount(client: Client, token: string) {
  const response = await client
    .get('/api/v1/audit-log?action=thread.context_changed')
    .bearerToken(token)
  response.assertStatus(200)
  return response.body().data.length as number
}

test.group('Thread context', () => {
  test('whole items and chunks: chosen, merged, replaced by the whole item, described', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('ctx-chunks')
    const projectId = await makeProject(client, token, 'Turbines')
    const report = await addText(client, token, projectId, 'Blade report', longText)
    const note = await addText(client, token, projectId, 'Short note', 'Check the bolts.')
    await ingestAll()
    const [alpha, bravo, charlie] = await Promise.all(
      SECTIONS.slice(0, 3).map((word) => chunkWith(client, token, projectId, word))
    )
    assert.lengthOf(new Set([alpha, bravo, charlie]), 3)
    const threadId = await newThread(client, token, projectId)

    const whole = await add(client, token, threadId, { contentItemId: note })
    whole.assertStatus(201)
    assert.containsSubset(whole.body().data, {
      contentItemId: note,
      title: 'Short note',
      contentType: 'markdown',
      available: true,
      chunkIds: null,
      chunks: null,
      pinned: false,
      relevance: 1,
      tokenBudget: null,
      inclusionMethod: 'manual',
      position: 0,
      missingChunks: [],
    })
    assert.isAbove(whole.body().data.wholeItemTokens, 0)

    const one = await add(client, token, threadId, {
      contentItemId: report,
      chunkIds: [alpha],
      relevance: 0.5,
    })
    one.assertStatus(201)
    const entry = one.body().data
    assert.deepEqual(entry.chunkIds, [alpha])
    assert.equal(entry.position, 1)
    assert.equal(entry.relevance, 0.5)
    assert.lengthOf(entry.chunks, 1)
    assert.equal(entry.chunks[0].id, alpha)
    assert.include(entry.chunks[0].preview, 'alphaword')
    assert.isAtMost(entry.chunks[0].preview.length, 200)
    assert.isAbove(entry.chunks[0].tokenCount, 0)
    // The whole item is every chunk: more than the one chosen.
    assert.isAbove(entry.wholeItemTokens, entry.chunks[0].tokenCount)
    assert.equal(entry.chosenTokens, entry.chunks[0].tokenCount)

    // More chunks of an item already there join its list (each once): 200, same place.
    const merged = await add(client, token, threadId, {
      contentItemId: report,
      chunkIds: [bravo, alpha],
    })
    merged.assertStatus(200)
    assert.sameMembers(merged.body().data.chunkIds, [alpha, bravo])
    // Chunks are shown in the item's order: section 1 before section 2.
    assert.deepEqual(
      merged.body().data.chunks.map((chunk: any) => chunk.id),
      [alpha, bravo]
    )
    assert.equal(merged.body().data.position, 1)
    assert.equal(merged.body().data.relevance, 0.5)

    // The whole item replaces the chunk list; chunks added later leave it whole.
    const replaced = await add(client, token, threadId, { contentItemId: report })
    replaced.assertStatus(200)
    assert.isNull(replaced.body().data.chunkIds)
    assert.isNull(replaced.body().data.chunks)
    const stillWhole = await add(client, token, threadId, {
      contentItemId: report,
      chunkIds: [charlie],
    })
    assert.isNull(stillWhole.body().data.chunkIds)

    const listed = await context(client, token, threadId)
    assert.deepEqual(
      listed.map((row) => row.contentItemId),
      [note, report]
    )
    assert.equal(listed[1].title, 'Blade report')
    // One audit entry per request.
    assert.equal(await auditCount(client, token), 5)
  })

  test('chunks a member chose that an edit re-chunked away are reported missing', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('ctx-missing')
    const projectId = await makeProject(client, token, 'Turbines')
    const report = await addText(client, token, projectId, 'Blade report', longText)
    await ingestAll()
    const alpha = await chunkWith(client, token, projectId, 'alphaword')
    const threadId = await newThread(client, token, projectId)
    ;(
      await add(client, token, threadId, { contentItemId: report, chunkIds: [alpha] })
    ).assertStatus(201)

    const edited = await client
      .patch(`/api/v1/content/items/${report}`)
      .bearerToken(token)
      .json({ body: `${longText}\n# Section 5\n\nechoword closing words.\n` })
    edited.assertStatus(200)
    await ingestAll()

    const [entry] = await context(client, token, threadId)
    assert.deepEqual(entry.chunkIds, [alpha])
    assert.deepEqual(entry.missingChunks, [alpha])
    assert.lengthOf(entry.chunks, 0)
  })

  test('adding a tag adds the project items carrying it, once each', async ({ client, assert }) => {
    const { token } = await makeTenant('ctx-tags')
    const projectId = await makeProject(client, token, 'Turbines')
    const otherProjectId = await makeProject(client, token, 'Elsewhere')
    const first = await addText(client, token, projectId, 'First', 'One.')
    const second = await addText(client, token, projectId, 'Second', 'Two.')
    const third = await addText(client, token, projectId, 'Third', 'Three.')
    const trashed = await addText(client, token, projectId, 'Trashed', 'Gone.')
    const tagId = await makeTag(client, token, projectId, 'Specs')
    for (const item of [first, second, third, trashed]) await tagItem(client, token, item, tagId)
    ;(await client.delete(`/api/v1/content/items/${trashed}`).bearerToken(token)).assertStatus(204)
    const foreignTag = await makeTag(client, token, otherProjectId, 'Specs')
    const threadId = await newThread(client, token, projectId)
    ;(await add(client, token, threadId, { contentItemId: second, pinned: true })).assertStatus(201)

    const added = await client
      .post(`/api/v1/threads/${threadId}/context/tags`)
      .bearerToken(token)
      .json({ tagId })
    added.assertStatus(200)
    assert.deepEqual(added.body().data, { added: 2, alreadyPresent: 1 })

    const listed = await context(client, token, threadId)
    assert.deepEqual(
      listed.map((row) => row.contentItemId),
      [second, first, third]
    )
    assert.equal(listed[0].inclusionMethod, 'manual')
    assert.isTrue(listed[0].pinned)
    for (const row of listed.slice(1)) {
      assert.equal(row.inclusionMethod, 'tag')
      assert.deepEqual(row.inclusionRule, { tagId, tagName: 'Specs' })
    }

    const again = await client
      .post(`/api/v1/threads/${threadId}/context/tags`)
      .bearerToken(token)
      .json({ tagId })
    assert.deepEqual(again.body().data, { added: 0, alreadyPresent: 3 })

    for (const bad of [foreignTag, '00000000-0000-4000-8000-000000000000']) {
      const refused = await client
        .post(`/api/v1/threads/${threadId}/context/tags`)
        .bearerToken(token)
        .json({ tagId: bad })
      refused.assertStatus(422)
      assert.deepEqual(fieldsOf(refused), ['tagId'])
      assert.equal(messageOf(refused, 'tagId'), "No such tag in this thread's project")
    }
    assert.lengthOf(await context(client, token, threadId), 3)
  })

  test('reorder, pin, change and remove entries', async ({ client, assert }) => {
    const { tenant, token } = await makeTenant('ctx-order')
    const projectId = await makeProject(client, token, 'Turbines')
    const report = await addText(client, token, projectId, 'Blade report', longText)
    const a = await addText(client, token, projectId, 'A', 'Alpha.')
    const b = await addText(client, token, projectId, 'B', 'Bravo.')
    await ingestAll()
    const alpha = await chunkWith(client, token, projectId, 'alphaword')
    const threadId = await newThread(client, token, projectId)
    for (const item of [a, b, report]) {
      ;(await add(client, token, threadId, { contentItemId: item })).assertStatus(201)
    }

    const reordered = await client
      .put(`/api/v1/threads/${threadId}/context/order`)
      .bearerToken(token)
      .json({ itemIds: [report, b, a] })
    reordered.assertStatus(200)
    assert.deepEqual(
      reordered.body().data.map((row: any) => row.contentItemId),
      [report, b, a]
    )
    assert.deepEqual(
      reordered.body().data.map((row: any) => row.position),
      [0, 1, 2]
    )

    for (const itemIds of [
      [report, b],
      [report, b, a, a],
      [report, b, a, tenant.id],
    ]) {
      const wrong = await client
        .put(`/api/v1/threads/${threadId}/context/order`)
        .bearerToken(token)
        .json({ itemIds })
      wrong.assertStatus(422)
      assert.deepEqual(fieldsOf(wrong), ['itemIds'])
    }

    // Pinned entries come first, whatever their position.
    const pinned = await client
      .patch(`/api/v1/threads/${threadId}/context/${a}`)
      .bearerToken(token)
      .json({ pinned: true, tokenBudget: 500 })
    pinned.assertStatus(200)
    assert.isTrue(pinned.body().data.pinned)
    assert.equal(pinned.body().data.tokenBudget, 500)
    assert.deepEqual(
      (await context(client, token, threadId)).map((row) => row.contentItemId),
      [a, report, b]
    )
    // What the context builder reads: the same order.
    const entries = await withTenant(tenant.id, (trx) => contextEntries(trx, threadId))
    assert.deepEqual(
      entries.map((entry) => [entry.contentItemId, entry.pinned, entry.tokenBudget]),
      [
        [a, true, 500],
        [report, false, null],
        [b, false, null],
      ]
    )

    const cleared = await client
      .patch(`/api/v1/threads/${threadId}/context/${a}`)
      .bearerToken(token)
      .json({ tokenBudget: null, relevance: 0.25 })
    assert.isNull(cleared.body().data.tokenBudget)
    assert.equal(cleared.body().data.relevance, 0.25)

    const narrowed = await client
      .patch(`/api/v1/threads/${threadId}/context/${report}`)
      .bearerToken(token)
      .json({ chunkIds: [alpha] })
    assert.deepEqual(narrowed.body().data.chunkIds, [alpha])
    const widened = await client
      .patch(`/api/v1/threads/${threadId}/context/${report}`)
      .bearerToken(token)
      .json({ chunkIds: null })
    assert.isNull(widened.body().data.chunkIds)

    const outOfRange = await client
      .patch(`/api/v1/threads/${threadId}/context/${a}`)
      .bearerToken(token)
      .json({ relevance: 1.5 })
    outOfRange.assertStatus(422)
    assert.deepEqual(fieldsOf(outOfRange), ['relevance'])
    assert.equal(messageOf(outOfRange, 'relevance'), 'Relevance must be between 0 and 1')
    const nothing = await client
      .patch(`/api/v1/threads/${threadId}/context/${a}`)
      .bearerToken(token)
      .json({})
    nothing.assertStatus(422)

    ;(
      await client.delete(`/api/v1/threads/${threadId}/context/${b}`).bearerToken(token)
    ).assertStatus(204)
    ;(
      await client.delete(`/api/v1/threads/${threadId}/context/${b}`).bearerToken(token)
    ).assertStatus(404)
    ;(
      await client
        .patch(`/api/v1/threads/${threadId}/context/${b}`)
        .bearerToken(token)
        .json({ pinned: true })
    ).assertStatus(404)
    assert.deepEqual(
      (await context(client, token, threadId)).map((row) => row.contentItemId),
      [a, report]
    )
  })

  test('items of another project, in the trash, or chunks of another item are refused', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('ctx-refused')
    const projectId = await makeProject(client, token, 'Turbines')
    const otherProjectId = await makeProject(client, token, 'Elsewhere')
    const report = await addText(client, token, projectId, 'Blade report', longText)
    const note = await addText(client, token, projectId, 'Note', 'A note.')
    const foreign = await addText(client, token, otherProjectId, 'Foreign', 'Not here.')
    const binned = await addText(client, token, projectId, 'Binned', 'In the trash.')
    await ingestAll()
    const alpha = await chunkWith(client, token, projectId, 'alphaword')
    ;(await client.delete(`/api/v1/content/items/${binned}`).bearerToken(token)).assertStatus(204)
    const threadId = await newThread(client, token, projectId)

    for (const contentItemId of [foreign, binned, '00000000-0000-4000-8000-000000000000']) {
      const refused = await add(client, token, threadId, { contentItemId })
      refused.assertStatus(422)
      assert.deepEqual(fieldsOf(refused), ['contentItemId'])
      assert.equal(
        messageOf(refused, 'contentItemId'),
        "No such item in this thread's project, or it is in the trash"
      )
    }

    const wrongChunk = await add(client, token, threadId, {
      contentItemId: note,
      chunkIds: [alpha],
    })
    wrongChunk.assertStatus(422)
    assert.deepEqual(fieldsOf(wrongChunk), ['chunkIds'])
    assert.include(messageOf(wrongChunk, 'chunkIds'), 'not part of this item')

    const badFields = await add(client, token, threadId, {
      contentItemId: report,
      chunkIds: [],
      relevance: -0.1,
      tokenBudget: 0,
    })
    badFields.assertStatus(422)
    assert.deepEqual(fieldsOf(badFields), ['chunkIds', 'relevance', 'tokenBudget'])
    assert.lengthOf(await context(client, token, threadId), 0)

    // An item chosen before it went to the trash stays listed, marked unavailable.
    ;(await add(client, token, threadId, { contentItemId: note })).assertStatus(201)
    ;(await client.delete(`/api/v1/content/items/${note}`).bearerToken(token)).assertStatus(204)
    const [entry] = await context(client, token, threadId)
    assert.equal(entry.contentItemId, note)
    assert.isFalse(entry.available)
    assert.isNull(entry.title)
  })

  test('viewers read the context but may not change it; strangers get a 404', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('ctx-roles')
    const projectId = await makeProject(client, token, 'Turbines')
    const note = await addText(client, token, projectId, 'Note', 'A note.')
    const other = await addText(client, token, projectId, 'Other', 'Another note.')
    const tagId = await makeTag(client, token, projectId, 'Specs')
    const threadId = await newThread(client, token, projectId)
    ;(await add(client, token, threadId, { contentItemId: note })).assertStatus(201)
    const viewer = await makeUser(tenant.id, 'member', 'Viewer')
    ;(
      await client
        .post(`/api/v1/projects/${projectId}/members`)
        .bearerToken(token)
        .json({ userId: viewer.user.id, role: 'viewer' })
    ).assertStatus(201)

    assert.deepEqual(
      (await context(client, viewer.token, threadId)).map((row) => row.contentItemId),
      [note]
    )
    const base = `/api/v1/threads/${threadId}/context`
    const writes = [
      await client.post(base).bearerToken(viewer.token).json({ contentItemId: other }),
      await client.post(`${base}/tags`).bearerToken(viewer.token).json({ tagId }),
      await client.patch(`${base}/${note}`).bearerToken(viewer.token).json({ pinned: true }),
      await client
        .put(`${base}/order`)
        .bearerToken(viewer.token)
        .json({ itemIds: [note] }),
      await client.delete(`${base}/${note}`).bearerToken(viewer.token),
    ]
    for (const response of writes) response.assertStatus(403)
    const [entry] = await context(client, token, threadId)
    assert.isFalse(entry.pinned)

    const stranger = await makeUser(tenant.id, 'member', 'Stranger')
    ;(await client.get(base).bearerToken(stranger.token)).assertStatus(404)
    ;(
      await client.post(base).bearerToken(stranger.token).json({ contentItemId: other })
    ).assertStatus(404)
  })
})
