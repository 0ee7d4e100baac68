import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { addText, ingestAll, makeProject } from './helpers.js'

const addMember = (client: any, token: string, projectId: string, userId: string, role: string) =>
  client.post(`/api/v1/projects/${projectId}/members`).bearerToken(token).json({ userId, role })

/* A project's trash: what is in it, restoring from it, and deleting for good. */
test.group('Content trash', () => {
  test('the trash lists trashed items with who trashed them and when, a page at a time', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('trash-list')
    const editor = await makeUser(tenant.id, 'member', 'Tidy Editor')
    const projectId = await makeProject(client, token, 'Trashy')
    ;(await addMember(client, token, projectId, editor.user.id, 'editor')).assertStatus(201)
    const kept = await addText(client, token, projectId, 'Kept', 'stays in the library')
    const ids = [
      await addText(client, token, projectId, 'First gone', 'one'),
      await addText(client, token, projectId, 'Second gone', 'two'),
      await addText(client, token, projectId, 'Third gone', 'three'),
    ]
    for (const id of ids) {
      ;(await client.delete(`/api/v1/content/items/${id}`).bearerToken(editor.token)).assertStatus(
        204
      )
    }

    const first = await client
      .get(`/api/v1/content/projects/${projectId}/trash?perPage=2`)
      .bearerToken(token)
    first.assertStatus(200)
    assert.deepEqual(first.body().meta, { total: 3, perPage: 2, currentPage: 1, lastPage: 2 })
    assert.lengthOf(first.body().data, 2)
    const second = await client
      .get(`/api/v1/content/projects/${projectId}/trash?perPage=2&page=2`)
      .bearerToken(token)
    assert.lengthOf(second.body().data, 1)
    const listed = [...first.body().data, ...second.body().data]
    assert.sameMembers(
      listed.map((item: any) => item.id),
      ids
    )
    assert.notInclude(
      listed.map((item: any) => item.id),
      kept
    )
    for (const item of listed) {
      assert.equal(item.deletedBy, editor.user.id)
      assert.equal(item.deletedByName, 'Tidy Editor')
      assert.isAbove(Date.parse(item.deletedAt), Date.now() - 60_000)
    }

    const bad = await client
      .get(`/api/v1/content/projects/${projectId}/trash?perPage=0`)
      .bearerToken(token)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'perPage')
    const outsider = await makeUser(tenant.id, 'member', 'Outsider')
    ;(
      await client.get(`/api/v1/content/projects/${projectId}/trash`).bearerToken(outsider.token)
    ).assertStatus(404)
  })

  test('trashed items leave the list and search; restore brings them back', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('trash-restore')
    const projectId = await makeProject(client, token, 'Restorable')
    const id = await addText(client, token, projectId, 'Zyzzogeton notes', 'zyzzogeton habitat')
    await addText(client, token, projectId, 'Other', 'unrelated words')
    await ingestAll()
    const found = async () => {
      const list = await client
        .get(`/api/v1/content/items?projectId=${projectId}`)
        .bearerToken(token)
      const search = await client
        .get(`/api/v1/search?q=zyzzogeton&mode=fulltext&projectId=${projectId}`)
        .bearerToken(token)
      search.assertStatus(200)
      return {
        inList: list.body().data.some((item: any) => item.id === id),
        inSearch: JSON.stringify(search.body().data).includes(id),
        listSize: list.body().data.length,
      }
    }
    assert.deepEqual(await found(), { inList: true, inSearch: true, listSize: 2 })

    ;(await client.delete(`/api/v1/content/items/${id}`).bearerToken(token)).assertStatus(204)
    assert.deepEqual(await found(), { inList: false, inSearch: false, listSize: 1 })
    ;(await client.get(`/api/v1/content/items/${id}/download`).bearerToken(token)).assertStatus(404)

    const restored = await client.post(`/api/v1/content/items/${id}/restore`).bearerToken(token)
    restored.assertStatus(200)
    assert.isNull(restored.body().data.deletedAt)
    assert.isNull(restored.body().data.deletedBy)
    assert.deepEqual(await found(), { inList: true, inSearch: true, listSize: 2 })
    const trash = await client.get(`/api/v1/content/projects/${projectId}/trash`).bearerToken(token)
    assert.equal(trash.body().meta.total, 0)
  })

  test('only project admins delete forever; it removes the item and its rows', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('trash-forever')
    const editor = await makeUser(tenant.id, 'member', 'Editor')
    const projectId = await makeProject(client, token, 'Forever')
    ;(await addMember(client, token, projectId, editor.user.id, 'editor')).assertStatus(201)
    const id = await addText(client, token, projectId, 'Doomed', 'gone for good')
    ;(await client.delete(`/api/v1/content/items/${id}`).bearerToken(editor.token)).assertStatus(
      204
    )

    const refused = await client
      .delete(`/api/v1/content/items/${id}/permanent`)
      .bearerToken(editor.token)
    refused.assertStatus(403)
    const before = await withTenant(tenant.id, (trx) =>
      trx.from('content_versions').where('content_item_id', id)
    )
    assert.lengthOf(before, 1)

    ;(await client.delete(`/api/v1/content/items/${id}/permanent`).bearerToken(token)).assertStatus(
      204
    )
    const left = await withTenant(tenant.id, async (trx) => ({
      items: (await trx.from('content_items').where('id', id)).length,
      versions: (await trx.from('content_versions').where('content_item_id', id)).length,
      texts: (await trx.from('text_content').where('content_item_id', id)).length,
      audit: (await trx.from('tenant_audit_log').where('action', 'content.destroyed')).length,
    }))
    assert.deepEqual(left, { items: 0, versions: 0, texts: 0, audit: 1 })
    ;(await client.get(`/api/v1/content/items/${id}`).bearerToken(token)).assertStatus(404)
    const trash = await client.get(`/api/v1/content/projects/${projectId}/trash`).bearerToken(token)
    assert.equal(trash.body().meta.total, 0)
  })
})
