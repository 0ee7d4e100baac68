import { test } from '@japa/runner'
import { makeTenant } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'
import { addText, ingestAll, makeProject } from '../functional/helpers.js'

test.group('Content library tags', () => {
  test('create a tag, put it on items, filter by it, rename, recolour and delete it', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('lib-tags')
    const projectId = await makeProject(client, token, 'Harbour')
    await addText(client, token, projectId, 'Crane schedule', 'The north crane works on Mondays.')
    await addText(client, token, projectId, 'Berth plan', 'Berth four is reserved for ferries.')
    await ingestAll()
    const library = `/app/projects/${projectId}/tabs/content/library`

    // The first page of a run waits for Vite's first compile.
    const page = await visit('/login', { timeout: 120_000 })
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await page.setViewportSize({ width: 390, height: 800 })
    await open(page, library)

    // Create: a name and a light colour.
    await page.getByRole('button', { name: 'Manage tags' }).click()
    const dialog = page.getByRole('dialog')
    const newTag = dialog.getByRole('form', { name: 'New tag' })
    await newTag.getByRole('button', { name: 'Create tag' }).click()
    await newTag.getByText('Name is required').waitFor()
    await newTag.getByLabel('Tag name').fill('Urgent')
    await newTag.getByRole('button', { name: 'Yellow' }).click()
    await newTag.getByRole('button', { name: 'Create tag' }).click()
    await page.getByText('Created tag “Urgent”', { exact: true }).waitFor()
    await dialog.locator('li[data-tag="Urgent"]').getByText('0 items').waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    // Apply from the row menu; the chip is readable on yellow (dark text).
    await page.getByRole('button', { name: 'Actions for Crane schedule' }).click()
    await page.getByRole('menuitem', { name: 'Tags' }).click()
    await page.getByRole('menuitemcheckbox', { name: 'Urgent' }).click()
    const craneChip = page.locator('tr[data-item="Crane schedule"] [data-testid="tag-chip"]')
    await craneChip.getByText('Urgent').waitFor()
    const colours = await craneChip.evaluate((chip) => {
      const style = getComputedStyle(chip)
      return { background: style.backgroundColor, text: style.color }
    })
    assert.deepEqual(colours, { background: 'rgb(253, 224, 71)', text: 'rgb(15, 23, 42)' })

    // Filter by it: the active filter shows and can be removed.
    await page
      .getByRole('group', { name: 'Filter by tag' })
      .getByRole('link', { name: 'Urgent (1)' })
      .click()
    await page.waitForURL('**/library?tag=*')
    await page.getByTestId('active-filter').getByText('Urgent', { exact: true }).waitFor()
    await page.locator('tr[data-item="Crane schedule"]').waitFor()
    assert.equal(await page.locator('tr[data-item="Berth plan"]').count(), 0)
    await page.getByRole('link', { name: 'Remove filter Urgent' }).click()
    await page.locator('tr[data-item="Berth plan"]').waitFor()
    assert.equal(await page.getByTestId('active-filter').count(), 0)

    // Tag and untag from the item view.
    await page.getByRole('link', { name: 'Berth plan' }).click()
    const itemTags = page.getByTestId('item-tags')
    await itemTags.getByText('No tags').waitFor()
    await itemTags.getByRole('button', { name: 'Add tag' }).click()
    await page.getByRole('menuitem', { name: 'Urgent' }).click()
    await itemTags.getByText('Urgent').waitFor()
    await itemTags.getByRole('button', { name: 'Remove tag Urgent from Berth plan' }).click()
    await itemTags.getByText('No tags').waitFor()
    await page.getByRole('link', { name: 'Back to the library' }).click()
    await page.locator('tr[data-item="Berth plan"]').waitFor()

    // Rename and recolour: every chip follows.
    await page.getByRole('button', { name: 'Manage tags' }).click()
    await dialog.getByRole('button', { name: 'Edit tag Urgent' }).click()
    const editForm = dialog.getByRole('form', { name: 'Edit tag Urgent' })
    await editForm.getByLabel('Name').fill('Critical')
    await editForm.getByRole('button', { name: 'Indigo' }).click()
    await editForm.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Saved tag “Critical”', { exact: true }).waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await craneChip.getByText('Critical').waitFor()
    assert.deepEqual(
      await craneChip.evaluate((chip) => {
        const style = getComputedStyle(chip)
        return { background: style.backgroundColor, text: style.color }
      }),
      { background: 'rgb(99, 102, 241)', text: 'rgb(255, 255, 255)' }
    )
    assert.isTrue(
      await page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth
      )
    )

    // Delete, after saying what it affects.
    await page.getByRole('button', { name: 'Manage tags' }).click()
    await dialog.getByRole('button', { name: 'Delete tag Critical' }).click()
    const confirmation = dialog.getByRole('alertdialog', { name: 'Delete tag Critical?' })
    await confirmation.getByText('It comes off 1 item; the items stay.').waitFor()
    await confirmation.getByRole('button', { name: 'Delete tag' }).click()
    await page.getByText('Deleted tag “Critical”', { exact: true }).waitFor()
    await dialog.getByText('No tags yet.').waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(await craneChip.count(), 0)
    assert.equal(await page.getByRole('group', { name: 'Filter by tag' }).count(), 0)

    const tags = await client.get(`/api/v1/content/projects/${projectId}/tags`).bearerToken(token)
    assert.deepEqual(tags.body().data, [])
  }).timeout(180_000)
})
