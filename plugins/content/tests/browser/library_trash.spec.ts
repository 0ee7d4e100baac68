import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'
import { addText, ingestAll, makeProject, upload } from '../functional/helpers.js'

test.group('Content library trash', () => {
  test('trash from the item view and undo; trash again and restore from the trash; an admin deletes forever', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('lib-trash')
    const projectId = await makeProject(client, token, 'Archive')
    const memoId = await addText(
      client,
      token,
      projectId,
      'Old memo',
      'Parking moves to level two.'
    )
    await addText(client, token, projectId, 'Draft leaflet', 'Opening hours from nine to five.')
    const editor = await makeUser(tenant.id, 'member', 'Eddie Editor')
    const added = await client
      .post(`/api/v1/projects/${projectId}/members`)
      .bearerToken(token)
      .json({ userId: editor.user.id, role: 'editor' })
    added.assertStatus(201)
    await ingestAll()
    const library = `/app/projects/${projectId}/tabs/content/library`

    // The first page of a run waits for Vite's first compile.
    const page = await visit('/login', { timeout: 120_000 })
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await open(page, `${library}?item=${memoId}`)

    // From the item view: back to the library, with an Undo that brings it back.
    await page.getByRole('button', { name: 'Move to trash' }).click()
    await page.waitForURL(`**${library}`)
    await page.getByText('Moved “Old memo” to the trash', { exact: true }).waitFor()
    await page.locator('tr[data-item="Draft leaflet"]').waitFor()
    assert.equal(await page.locator('tr[data-item="Old memo"]').count(), 0)
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.getByText('Restored “Old memo”', { exact: true }).waitFor()
    await page.locator('tr[data-item="Old memo"]').waitFor()

    // From the row menu, then back from the trash view.
    await page.getByRole('button', { name: 'Actions for Old memo' }).click()
    await page.getByRole('menuitem', { name: 'Move to trash' }).click()
    await page.locator('tr[data-item="Old memo"]').waitFor({ state: 'detached' })
    await page
      .getByRole('navigation', { name: 'Library views' })
      .getByRole('link', { name: 'Trash' })
      .click()
    await page.waitForURL('**/library?view=trash')
    const trashed = page.locator('li[data-trashed="Old memo"]')
    await trashed.getByText(/moved to the trash .* by lib-trash Admin/).waitFor()
    await trashed.getByRole('button', { name: 'Restore' }).click()
    await trashed.waitFor({ state: 'detached' })
    await page.getByText('The trash is empty').waitFor()
    await page
      .getByRole('navigation', { name: 'Library views' })
      .getByRole('link', { name: 'Library' })
      .click()
    await page.locator('tr[data-item="Old memo"]').waitFor()

    // An admin deletes forever, after confirming.
    await page.getByRole('button', { name: 'Actions for Old memo' }).click()
    await page.getByRole('menuitem', { name: 'Move to trash' }).click()
    await page.locator('tr[data-item="Old memo"]').waitFor({ state: 'detached' })
    await open(page, `${library}?view=trash`)
    await trashed.getByRole('button', { name: 'Delete forever' }).click()
    const confirmation = page.getByRole('dialog', { name: 'Delete “Old memo” forever?' })
    await confirmation.getByText('This cannot be undone.').waitFor()
    await confirmation.getByRole('button', { name: 'Delete forever' }).click()
    await page.getByText('Deleted “Old memo” forever', { exact: true }).waitFor()
    await page.getByText('The trash is empty').waitFor()
    const gone = await client.get(`/api/v1/content/items/${memoId}`).bearerToken(token)
    gone.assertStatus(404)

    // An editor restores but does not delete forever.
    const leaflet = await client
      .get(`/api/v1/content/items?projectId=${projectId}`)
      .bearerToken(token)
    const leafletId = leaflet.body().data[0].id as string
    await client.delete(`/api/v1/content/items/${leafletId}`).bearerToken(token)
    // Signed out (a fresh session), the editor signs in.
    await page.context().clearCookies()
    await open(page, '/login')
    await signIn(page, tenant.slug, editor.user.email)
    await page.waitForURL('**/app')
    await open(page, `${library}?view=trash`)
    const leafletRow = page.locator('li[data-trashed="Draft leaflet"]')
    await leafletRow.getByRole('button', { name: 'Restore' }).waitFor()
    assert.equal(await leafletRow.getByRole('button', { name: 'Delete forever' }).count(), 0)
  }).timeout(180_000)

  test('rename and describe an item; files that are not text offer no Edit', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('lib-details')
    const projectId = await makeProject(client, token, 'Site')
    const noteId = await addText(client, token, projectId, 'Draft', '# Draft\n\nWords.')
    const uploaded = await upload(
      client,
      token,
      projectId,
      '<html><body><p>Welcome aboard</p></body></html>',
      'welcome.html'
    )
    uploaded.assertStatus(201)
    const htmlId = uploaded.body().data.id as string
    await ingestAll()
    const library = `/app/projects/${projectId}/tabs/content/library`

    const page = await visit('/login', { timeout: 120_000 })
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 })
      await open(page, `${library}?item=${noteId}`)
      await page.getByRole('button', { name: 'Edit', exact: true }).waitFor()
      await page.getByRole('button', { name: 'Edit details' }).click()
      const dialog = page.getByRole('dialog', { name: 'Edit details' })
      await dialog.getByLabel('Title').fill('')
      await dialog.getByRole('button', { name: 'Save details' }).click()
      await dialog.getByText('Title is required').waitFor()
      await dialog.getByLabel('Title').fill(`Launch plan ${width}`)
      await dialog.getByLabel('Description').fill('What we ship first, and when.')
      await dialog.getByRole('button', { name: 'Save details' }).click()
      await page.getByText('Details saved', { exact: true }).waitFor()
      await page.assertTextContains('[data-testid="opened-item"] h2', `Launch plan ${width}`)
      await page.assertTextContains(
        '[data-testid="item-description"]',
        'What we ship first, and when.'
      )
      assert.isTrue(
        await page.evaluate(
          () => document.documentElement.scrollWidth <= document.documentElement.clientWidth
        )
      )
    }
    const saved = await client.get(`/api/v1/content/items/${noteId}`).bearerToken(token)
    assert.equal(saved.body().data.title, 'Launch plan 390')
    assert.equal(saved.body().data.description, 'What we ship first, and when.')

    // HTML is read for its text, not edited as text.
    await open(page, `${library}?item=${htmlId}`)
    await page.assertTextContains('[data-testid="opened-item"] .rendered', 'Welcome aboard')
    await page.getByRole('button', { name: 'Edit details' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Edit', exact: true }).count(), 0)

    // The type filter offers every built-in type.
    await open(page, library)
    await page.getByLabel('Type').click()
    for (const label of [
      'Markdown',
      'Plain text',
      'Source code',
      'PDF',
      'Image',
      'Word document',
      'HTML',
    ]) {
      await page.getByRole('option', { name: label, exact: true }).waitFor()
    }
    await page.getByRole('option', { name: 'HTML', exact: true }).click()
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL('**/library?type=html')
    await page.locator('tr[data-item="welcome.html"]').waitFor()
    assert.equal(await page.locator('tr[data-item="Launch plan 390"]').count(), 0)

    // A note written in the page opens once saved.
    await page.getByRole('button', { name: 'New note' }).click()
    const noteDialog = page.getByRole('dialog', { name: 'Write a note' })
    await noteDialog.getByRole('button', { name: 'Save note' }).click()
    await noteDialog.getByText('Title is required').waitFor()
    await noteDialog.getByLabel('Title').fill('Standup')
    await noteDialog.getByLabel('Content').fill('# Standup\n\nShip the docs.')
    await noteDialog.getByRole('button', { name: 'Save note' }).click()
    await page.waitForURL('**/library?item=*')
    await page.assertTextContains('[data-testid="opened-item"] h1', 'Standup')
  }).timeout(180_000)
})
