import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { actionContextFor } from '#tenancy/action_context'
import { makeProject } from '#plugins/content/tests/functional/helpers'
import { addRelationship, createThread } from '#plugins/threads/services/threads'

type Client = any

const fieldsOf = (response: any) =>
  response
    .body()
    .errors.map((error: any) => error.field)
    .sort()

const messageOf = (response: any, field: string) =>
  response.body().errors.find((error: any) => error.field === field)?.message as string

async function newThread(client: Client, token: string, projectId: string, body: object) {
  const response = await client
    .post(`/api/v1/threads/projects/${projectId}`)
    .bearerToken(token)
    .json(body)
  response.assertStatus(201)
  return response.body().data
}

async function tree(client: Client, token: string, projectId: string, query = '') {
  const response = await client
    .get(`/api/v1/threads/projects/${projectId}${query}`)
    .bearerToken(token)
  response.assertStatus(200)
  return response.body().data as any[]
}

/** The tenant's audit entries with this action, newest first. */
async function auditEntries(client: Client, token: string, action: string) {
  const response = await client.get(`/api/v1/audit-log?action=${action}`).bearerToken(token)
  response.assertStatus(200)
  return response.body().data as any[]
}

async function addMember(
  client: Client,
  token: string,
  projectId: string,
  userId: string,
  role: string
) {
  const response = await client
    .post(`/api/v1/projects/${projectId}/members`)
    .bearerToken(token)
    .json({ userId, role })
  response.assertStatus(201)
}

/** A model of the tenant, written directly: the connections API is not under test here. */
async function makeModel(tenantId: string) {
  return withTenant(tenantId, async (trx) => {
    const [connection] = await trx
      .table('llm_connections')
      .insert({ tenant_id: tenantId, name: 'Local', provider: 'openai' })
      .returning('id')
    const [model] = await trx
      .table('llm_models')
      .insert({
        tenant_id: tenantId,
        connection_id: connection.id,
        model: 'gpt-test',
        display_name: 'GPT test',
      })
      .returning('id')
    return model.id as string
  })
}

test.group('Threads', () => {
  test('create, read, rename, describe, pin, archive and delete a thread, audited', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('threads-crud')
    const projectId = await makeProject(client, token, 'Research')
    const modelId = await makeModel(tenant.id)

    const created = await newThread(client, token, projectId, {
      name: 'Market sizing',
      type: 'exploration',
      modelId,
      settings: { systemPrompt: 'Be brief.', retrievedChunks: 4 },
    })
    assert.equal(created.name, 'Market sizing')
    assert.equal(created.type, 'exploration')
    assert.equal(created.status, 'active')
    assert.equal(created.modelId, modelId)
    assert.isFalse(created.pinned)
    assert.equal(created.messageCount, 0)
    assert.isNull(created.parentId)
    assert.deepEqual(created.settings, { systemPrompt: 'Be brief.', retrievedChunks: 4 })

    const patched = await client
      .patch(`/api/v1/threads/${created.id}`)
      .bearerToken(token)
      .json({
        name: 'Market sizing 2025',
        description: 'TAM and SAM',
        pinned: true,
        settings: { retrievalScope: 'chosen', retrievedChunks: null },
      })
    patched.assertStatus(200)
    const thread = patched.body().data
    assert.equal(thread.name, 'Market sizing 2025')
    assert.equal(thread.description, 'TAM and SAM')
    assert.isTrue(thread.pinned)
    // Merged: the prompt stays, the new scope joins, retrievedChunks sent as null is gone.
    assert.deepEqual(thread.settings, { systemPrompt: 'Be brief.', retrievalScope: 'chosen' })

    const [entry] = await auditEntries(client, token, 'thread.updated')
    assert.equal(entry.subject.id, created.id)
    assert.deepEqual(entry.details.changes.name, {
      from: 'Market sizing',
      to: 'Market sizing 2025',
    })
    assert.deepEqual(entry.details.changes.is_pinned, { from: false, to: true })
    assert.deepEqual(entry.details.changes['settings.retrievedChunks'], { from: 4, to: null })

    const archived = await client
      .patch(`/api/v1/threads/${created.id}`)
      .bearerToken(token)
      .json({ status: 'archived' })
    assert.equal(archived.body().data.status, 'archived')
    assert.isNotNull(archived.body().data.archivedAt)
    assert.lengthOf(await tree(client, token, projectId), 0)
    const onlyArchived = await tree(client, token, projectId, '?status=archived')
    assert.deepEqual(
      onlyArchived.map((row) => row.id),
      [created.id]
    )

    const restored = await client
      .patch(`/api/v1/threads/${created.id}`)
      .bearerToken(token)
      .json({ status: 'active', description: '' })
    assert.isNull(restored.body().data.archivedAt)
    assert.isNull(restored.body().data.description)
    assert.deepEqual(
      (await tree(client, token, projectId)).map((row) => row.id),
      [created.id]
    )

    // Sending what the thread already holds changes nothing: no write, no audit entry.
    const updates = (await auditEntries(client, token, 'thread.updated')).length
    const same = await client
      .patch(`/api/v1/threads/${created.id}`)
      .bearerToken(token)
      .json({ name: 'Market sizing 2025', pinned: true, settings: { retrievalScope: 'chosen' } })
    same.assertStatus(200)
    assert.equal(same.body().data.updatedAt, restored.body().data.updatedAt)
    assert.lengthOf(await auditEntries(client, token, 'thread.updated'), updates)

    const deleted = await client.delete(`/api/v1/threads/${created.id}`).bearerToken(token)
    deleted.assertStatus(200)
    assert.deepEqual(deleted.body().data.children, { ids: [], movedTo: null })
    ;(await client.get(`/api/v1/threads/${created.id}`).bearerToken(token)).assertStatus(404)
    const [deletion] = await auditEntries(client, token, 'thread.deleted')
    assert.equal(deletion.subject.id, created.id)
  })

  test('bad input is a 422 naming each field in plain words', async ({ client, assert }) => {
    const { token } = await makeTenant('threads-invalid')
    const projectId = await makeProject(client, token, 'Research')
    const otherProjectId = await makeProject(client, token, 'Elsewhere')
    const elsewhere = await newThread(client, token, otherProjectId, { name: 'Not here' })

    const bad = await client
      .post(`/api/v1/threads/projects/${projectId}`)
      .bearerToken(token)
      .json({
        name: '',
        type: 'chat',
        settings: { retrievedChunks: 51, systemPrompt: 'x'.repeat(20_001), reservedOutput: 0 },
      })
    bad.assertStatus(422)
    assert.deepEqual(fieldsOf(bad), [
      'name',
      'settings.reservedOutput',
      'settings.retrievedChunks',
      'settings.systemPrompt',
      'type',
    ])
    assert.equal(
      messageOf(bad, 'settings.retrievedChunks'),
      'Retrieved chunks must be between 0 and 50'
    )

    const unknownModel = await client
      .post(`/api/v1/threads/projects/${projectId}`)
      .bearerToken(token)
      .json({ name: 'A', modelId: '00000000-0000-4000-8000-000000000000' })
    unknownModel.assertStatus(422)
    assert.deepEqual(fieldsOf(unknownModel), ['modelId'])
    assert.equal(messageOf(unknownModel, 'modelId'), 'No such model in this workspace')

    const foreignParent = await client
      .post(`/api/v1/threads/projects/${projectId}`)
      .bearerToken(token)
      .json({ name: 'A', parentId: elsewhere.id })
    foreignParent.assertStatus(422)
    assert.deepEqual(fieldsOf(foreignParent), ['parentId'])

    const thread = await newThread(client, token, projectId, { name: 'Kept' })
    const nothing = await client.patch(`/api/v1/threads/${thread.id}`).bearerToken(token).json({})
    nothing.assertStatus(422)
    const emptyName = await client
      .patch(`/api/v1/threads/${thread.id}`)
      .bearerToken(token)
      .json({ name: '', status: 'deleted' })
    emptyName.assertStatus(422)
    assert.deepEqual(fieldsOf(emptyName), ['name', 'status'])
    // Nothing was written by the refused requests.
    assert.deepEqual(
      (await tree(client, token, projectId)).map((row) => row.name),
      ['Kept']
    )
  })

  test('a tree of nested threads: order, move, cycles and other projects refused', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('threads-tree')
    const projectId = await makeProject(client, token, 'Research')
    const otherProjectId = await makeProject(client, token, 'Elsewhere')
    const root = await newThread(client, token, projectId, { name: 'Root' })
    const a = await newThread(client, token, projectId, { name: 'A', parentId: root.id })
    const b = await newThread(client, token, projectId, { name: 'B', parentId: root.id })
    assert.equal(b.parentId, root.id)
    const a1 = await newThread(client, token, projectId, { name: 'A1', parentId: a.id })
    const loose = await newThread(client, token, projectId, { name: 'Loose' })
    assert.equal(a1.parentId, a.id)

    let roots = await tree(client, token, projectId)
    // Roots: the most recently updated first; children in the order they were added.
    assert.deepEqual(
      roots.map((row) => row.name),
      ['Loose', 'Root']
    )
    const rootNode = roots[1]
    assert.deepEqual(
      rootNode.children.map((row: any) => row.name),
      ['A', 'B']
    )
    assert.deepEqual(
      rootNode.children[0].children.map((row: any) => row.name),
      ['A1']
    )
    assert.equal(rootNode.children[0].children[0].parentId, a.id)

    // Pinned first among roots.
    await client.patch(`/api/v1/threads/${root.id}`).bearerToken(token).json({ pinned: true })
    roots = await tree(client, token, projectId)
    assert.deepEqual(
      roots.map((row) => row.name),
      ['Root', 'Loose']
    )

    // Move Loose under Root, first among its children.
    const moved = await client
      .post(`/api/v1/threads/${loose.id}/move`)
      .bearerToken(token)
      .json({ parentId: root.id, position: 0 })
    moved.assertStatus(200)
    assert.equal(moved.body().data.parentId, root.id)
    roots = await tree(client, token, projectId)
    assert.deepEqual(
      roots.map((row) => row.name),
      ['Root']
    )
    assert.deepEqual(
      roots[0].children.map((row: any) => row.name),
      ['Loose', 'A', 'B']
    )

    const detail = await client.get(`/api/v1/threads/${root.id}`).bearerToken(token)
    assert.deepEqual(
      detail.body().data.children.map((row: any) => row.name),
      ['Loose', 'A', 'B']
    )
    const childDetail = await client.get(`/api/v1/threads/${a1.id}`).bearerToken(token)
    assert.deepEqual(childDetail.body().data.parent, { id: a.id, name: 'A' })

    // Root under its own grandchild: a cycle.
    const cycle = await client
      .post(`/api/v1/threads/${root.id}/move`)
      .bearerToken(token)
      .json({ parentId: a1.id })
    cycle.assertStatus(422)
    assert.deepEqual(fieldsOf(cycle), ['parentId'])
    assert.equal(
      messageOf(cycle, 'parentId'),
      'A thread cannot be placed inside one of its own sub-threads'
    )
    const itself = await client
      .post(`/api/v1/threads/${a.id}/move`)
      .bearerToken(token)
      .json({ parentId: a.id })
    assert.deepEqual(fieldsOf(itself), ['parentId'])

    const foreign = await newThread(client, token, otherProjectId, { name: 'Foreign' })
    const crossProject = await client
      .post(`/api/v1/threads/${a.id}/move`)
      .bearerToken(token)
      .json({ parentId: foreign.id })
    crossProject.assertStatus(422)
    assert.deepEqual(fieldsOf(crossProject), ['parentId'])

    // To the top level.
    const lifted = await client
      .post(`/api/v1/threads/${a.id}/move`)
      .bearerToken(token)
      .json({ parentId: null })
    lifted.assertStatus(200)
    assert.isNull(lifted.body().data.parentId)
    roots = await tree(client, token, projectId)
    assert.sameMembers(
      roots.map((row) => row.name),
      ['Root', 'A']
    )
    assert.deepEqual(
      roots.find((row) => row.name === 'Root').children.map((row: any) => row.name),
      ['Loose', 'B']
    )
    assert.deepEqual(
      roots.find((row) => row.name === 'A').children.map((row: any) => row.name),
      ['A1']
    )
  })

  test('searching by name lists matches flat, each with its path', async ({ client, assert }) => {
    const { token } = await makeTenant('threads-search')
    const projectId = await makeProject(client, token, 'Research')
    const root = await newThread(client, token, projectId, { name: 'Competitors' })
    const mid = await newThread(client, token, projectId, { name: 'Europe', parentId: root.id })
    await newThread(client, token, projectId, { name: 'Pricing in Europe', parentId: mid.id })
    await newThread(client, token, projectId, { name: 'Pricing at home' })

    const found = await tree(client, token, projectId, '?q=pricing')
    assert.sameDeepMembers(
      found.map((row) => row.path),
      [['Competitors', 'Europe', 'Pricing in Europe'], ['Pricing at home']]
    )
    assert.isUndefined(found[0].children)
    assert.lengthOf(await tree(client, token, projectId, '?q=nothing-like-this'), 0)
  })

  test('related links sit beside the tree, both ways, and can be removed', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('threads-links')
    const projectId = await makeProject(client, token, 'Research')
    const otherProjectId = await makeProject(client, token, 'Elsewhere')
    const a = await newThread(client, token, projectId, { name: 'A' })
    const b = await newThread(client, token, projectId, { name: 'B' })
    const foreign = await newThread(client, token, otherProjectId, { name: 'Foreign' })

    const linked = await client
      .post(`/api/v1/threads/${a.id}/links`)
      .bearerToken(token)
      .json({ threadId: b.id, type: 'related_to' })
    linked.assertStatus(201)
    assert.deepEqual(linked.body().data.links, [
      { threadId: b.id, name: 'B', type: 'related_to', direction: 'out' },
    ])
    // Linking again, from either side, changes nothing.
    const again = await client
      .post(`/api/v1/threads/${b.id}/links`)
      .bearerToken(token)
      .json({ threadId: a.id })
    again.assertStatus(200)
    assert.deepEqual(again.body().data.links, [
      { threadId: a.id, name: 'A', type: 'related_to', direction: 'in' },
    ])

    const roots = await tree(client, token, projectId)
    assert.lengthOf(roots, 2)
    for (const row of roots) {
      assert.lengthOf(row.children, 0)
      assert.lengthOf(row.links, 1)
    }

    const self = await client
      .post(`/api/v1/threads/${a.id}/links`)
      .bearerToken(token)
      .json({ threadId: a.id })
    assert.deepEqual(fieldsOf(self), ['threadId'])
    const crossProject = await client
      .post(`/api/v1/threads/${a.id}/links`)
      .bearerToken(token)
      .json({ threadId: foreign.id })
    crossProject.assertStatus(422)
    assert.deepEqual(fieldsOf(crossProject), ['threadId'])
    const wrongType = await client
      .post(`/api/v1/threads/${a.id}/links`)
      .bearerToken(token)
      .json({ threadId: b.id, type: 'contains' })
    assert.deepEqual(fieldsOf(wrongType), ['type'])

    // Removed from the other side than it was made.
    ;(await client.delete(`/api/v1/threads/${b.id}/links/${a.id}`).bearerToken(token)).assertStatus(
      204
    )
    ;(await client.delete(`/api/v1/threads/${b.id}/links/${a.id}`).bearerToken(token)).assertStatus(
      404
    )
    const detail = await client.get(`/api/v1/threads/${a.id}`).bearerToken(token)
    assert.lengthOf(detail.body().data.links, 0)
  })

  test('a fork made through createThread and addRelationship branches from its original', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('threads-fork')
    const projectId = await makeProject(client, token, 'Research')
    const original = await newThread(client, token, projectId, { name: 'Original' })

    const forkId = await withTenant(tenant.id, async (trx) => {
      const ctx = actionContextFor(tenant, admin, trx)
      const fork = await createThread(ctx, projectId, { name: 'Original (fork)' })
      await addRelationship(trx, tenant.id, original.id, fork.id, 'branches_from')
      // Twice is still one relationship.
      await addRelationship(trx, tenant.id, original.id, fork.id, 'branches_from')
      // A message in the original, for its counts.
      await trx.table('messages').insert({
        tenant_id: tenant.id,
        thread_id: original.id,
        role: 'user',
        content: 'Hello',
      })
      return fork.id
    })

    const roots = await tree(client, token, projectId)
    const fork = roots.find((row) => row.id === forkId)
    const source = roots.find((row) => row.id === original.id)
    assert.deepEqual(fork.links, [
      { threadId: original.id, type: 'branches_from', direction: 'out' },
    ])
    assert.deepEqual(source.links, [{ threadId: forkId, type: 'branches_from', direction: 'in' }])
    assert.equal(source.messageCount, 1)
    assert.isNotNull(source.lastMessageAt)
    assert.equal(fork.messageCount, 0)
    assert.isNull(fork.parentId)
  })

  test('deleting a thread keeps its children: they move up to its parent', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('threads-delete')
    const projectId = await makeProject(client, token, 'Research')
    const top = await newThread(client, token, projectId, { name: 'Top' })
    const sibling = await newThread(client, token, projectId, { name: 'Sibling', parentId: top.id })
    const middle = await newThread(client, token, projectId, { name: 'Middle', parentId: top.id })
    const c1 = await newThread(client, token, projectId, { name: 'C1', parentId: middle.id })
    const c2 = await newThread(client, token, projectId, { name: 'C2', parentId: middle.id })

    const deleted = await client.delete(`/api/v1/threads/${middle.id}`).bearerToken(token)
    deleted.assertStatus(200)
    assert.deepEqual(deleted.body().data.children, { ids: [c1.id, c2.id], movedTo: top.id })
    assert.match(
      deleted.body().data.message,
      /2 sub-threads were kept and moved to its parent thread/
    )

    const roots = await tree(client, token, projectId)
    assert.deepEqual(
      roots.map((row) => row.name),
      ['Top']
    )
    assert.deepEqual(
      roots[0].children.map((row: any) => row.id),
      [sibling.id, c1.id, c2.id]
    )

    // A root's children become roots.
    ;(await client.delete(`/api/v1/threads/${top.id}`).bearerToken(token)).assertStatus(200)
    assert.sameMembers(
      (await tree(client, token, projectId)).map((row) => row.name),
      ['Sibling', 'C1', 'C2']
    )

    // An editor deletes their own thread, not someone else's; a project admin deletes any.
    const editor = await makeUser(tenant.id, 'member', 'Editor')
    await addMember(client, token, projectId, editor.user.id, 'editor')
    const own = await newThread(client, editor.token, projectId, { name: 'Mine' })
    ;(await client.delete(`/api/v1/threads/${sibling.id}`).bearerToken(editor.token)).assertStatus(
      403
    )
    ;(await client.delete(`/api/v1/threads/${own.id}`).bearerToken(editor.token)).assertStatus(200)
  })

  test('viewers read but may not write; a private project is a 404 to others', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('threads-roles')
    const projectId = await makeProject(client, token, 'Research')
    const thread = await newThread(client, token, projectId, { name: 'Plans' })
    const other = await newThread(client, token, projectId, { name: 'Other' })
    const viewer = await makeUser(tenant.id, 'member', 'Viewer')
    await addMember(client, token, projectId, viewer.user.id, 'viewer')

    assert.deepEqual((await tree(client, viewer.token, projectId)).map((row) => row.name).sort(), [
      'Other',
      'Plans',
    ])
    ;(await client.get(`/api/v1/threads/${thread.id}`).bearerToken(viewer.token)).assertStatus(200)
    const writes = [
      client
        .post(`/api/v1/threads/projects/${projectId}`)
        .bearerToken(viewer.token)
        .json({ name: 'No' }),
      client.patch(`/api/v1/threads/${thread.id}`).bearerToken(viewer.token).json({ name: 'No' }),
      client.delete(`/api/v1/threads/${thread.id}`).bearerToken(viewer.token),
      client
        .post(`/api/v1/threads/${thread.id}/move`)
        .bearerToken(viewer.token)
        .json({ parentId: other.id }),
      client
        .post(`/api/v1/threads/${thread.id}/links`)
        .bearerToken(viewer.token)
        .json({ threadId: other.id }),
    ]
    for (const response of await Promise.all(writes)) response.assertStatus(403)
    assert.equal(
      (await client.get(`/api/v1/threads/${thread.id}`).bearerToken(token)).body().data.name,
      'Plans'
    )

    const stranger = await makeUser(tenant.id, 'member', 'Stranger')
    for (const response of [
      await client.get(`/api/v1/threads/projects/${projectId}`).bearerToken(stranger.token),
      await client.get(`/api/v1/threads/${thread.id}`).bearerToken(stranger.token),
      await client
        .patch(`/api/v1/threads/${thread.id}`)
        .bearerToken(stranger.token)
        .json({ name: 'x' }),
      await client.delete(`/api/v1/threads/${thread.id}`).bearerToken(stranger.token),
    ]) {
      response.assertStatus(404)
    }

    // Another workspace's admin does not see it either.
    const outsider = await makeTenant('threads-outsider')
    ;(await client.get(`/api/v1/threads/${thread.id}`).bearerToken(outsider.token)).assertStatus(
      404
    )
  })
})
