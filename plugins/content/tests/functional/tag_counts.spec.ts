import { test } from '@japa/runner'
import { makeTenant } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'
import { addText, makeProject } from './helpers.js'

test.group('Tag counts', () => {
  test('the library page and the tags API count the same items: none in the trash', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('tagcounts')
    const projectId = await makeProject(client, token)
    const kept = await addText(client, token, projectId, 'Kept', 'A note that stays.')
    const trashed = await addText(client, token, projectId, 'Trashed', 'A note that goes.')
    const tag = await client
      .post(`/api/v1/content/projects/${projectId}/tags`)
      .bearerToken(token)
      .json({ name: 'Spec', color: '#1d4ed8' })
    tag.assertStatus(201)
    const tagId = tag.body().data.id
    for (const id of [kept, trashed]) {
      ;(
        await client.post(`/api/v1/content/items/${id}/tags`).bearerToken(token).json({ tagId })
      ).assertStatus(204)
    }
    ;(await client.delete(`/api/v1/content/items/${trashed}`).bearerToken(token)).assertStatus(204)

    const listed = await client.get(`/api/v1/content/projects/${projectId}/tags`).bearerToken(token)
    const apiTag = listed.body().data.find((row: any) => row.id === tagId)
    assert.equal(Number(apiTag.count), 1)

    const browser = new BrowserSession()
    await browser.signIn(tenant.slug, admin.email)
    const { status, html } = await browser.page(`/app/projects/${projectId}/tabs/content/library`)
    assert.equal(status, 200)
    assert.match(html, /Spec \(1\)/)
  })
})
