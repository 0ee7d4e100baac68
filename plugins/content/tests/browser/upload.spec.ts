import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'
import { makeProject, upload } from '../functional/helpers.js'

/** Signs the workspace admin in and opens the project's content library. */
async function openLibrary(visit: any, client: any, slug: string) {
  const { tenant, admin, token } = await makeTenant(slug)
  const projectId = await makeProject(client, token, 'Handbook')
  const page: Page = await visit('/login')
  await signIn(page, tenant.slug, admin.email)
  await page.waitForURL('**/admin')
  const library = `/app/projects/${projectId}/tabs/content/library`
  await open(page, library)
  return { page, token, projectId, library }
}

const markdown = (name: string, body: string) => ({
  name,
  mimeType: 'text/markdown',
  buffer: Buffer.from(`# ${name}\n\n${body}\n`),
})

/** The upload row of one file. */
const row = (page: Page, name: string) => page.locator(`li[data-upload="${name}"]`)

test.group('Content uploads', () => {
  test('several files at once, two at a time, each with its progress, at 1280 and 390 px', async ({
    client,
    visit,
    assert,
  }) => {
    const { page, library } = await openLibrary(visit, client, 'multi-upload')

    // Each upload answer is held back a moment, so the files overlap and the limit shows.
    let inFlight = 0
    let most = 0
    await page.route('**/api/v1/content/uploads', async (route) => {
      inFlight++
      most = Math.max(most, inFlight)
      const response = await route.fetch()
      await new Promise((resolve) => setTimeout(resolve, 400))
      inFlight--
      await route.fulfill({ response })
    })

    for (const [width, names] of [
      [1280, ['alpha.md', 'beta.md', 'gamma.md']],
      [390, ['delta.md', 'epsilon.md', 'zeta.md']],
    ] as const) {
      await page.setViewportSize({ width, height: 900 })
      await open(page, library)
      await page
        .getByLabel(/^Text, Markdown, source code, PDF/)
        .setInputFiles(names.map((name) => markdown(name, `The body of ${name}.`)))
      for (const name of names) await page.assertTextContains(row(page, name), 'Queued')
      await page.getByRole('button', { name: 'Upload 3 files' }).click()

      for (const name of names) {
        await page.assertTextContains(row(page, name), 'Uploaded')
        await row(page, name).locator('[role="progressbar"][aria-valuenow="100"]').waitFor()
      }
      await page.getByText('3 files uploaded', { exact: true }).waitFor()
      for (const name of names) await page.locator(`tr[data-item="${name}"]`).waitFor()
      // No sideways scroll at this width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      )
      assert.isAtMost(overflow, 0)
    }
    assert.equal(most, 2)
  }).timeout(180_000)

  test('a file dropped onto the drop zone is uploaded', async ({ client, visit }) => {
    const { page } = await openLibrary(visit, client, 'drop-upload')
    const zone = page.getByTestId('upload-drop-zone')
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer()
      transfer.items.add(
        new File(['# Dropped\n\nCarried in by hand.\n'], 'dropped.md', { type: 'text/markdown' })
      )
      return transfer
    })
    await zone.dispatchEvent('dragenter', { dataTransfer })
    await zone.dispatchEvent('dragover', { dataTransfer })
    await zone.dispatchEvent('drop', { dataTransfer })
    await page.assertTextContains(row(page, 'dropped.md'), 'Queued')

    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await page.assertTextContains(row(page, 'dropped.md'), 'Uploaded')
    await page.getByText('1 file uploaded', { exact: true }).waitFor()
    await page.locator('tr[data-item="dropped.md"]').waitFor()
  }).timeout(120_000)

  test('re-uploading a name the project holds asks first: a new version, or not at all', async ({
    client,
    visit,
    assert,
  }) => {
    const { page, token, projectId, library } = await openLibrary(visit, client, 'reupload')
    const first = await upload(client, token, projectId, '# Plan\n\nThe old plan.\n', 'plan.md')
    first.assertStatus(201)
    await open(page, library)
    await page.assertTextContains('tr[data-item="plan.md"]', 'v1')

    const input = page.getByLabel(/^Text, Markdown, source code, PDF/)
    await input.setInputFiles(markdown('plan.md', 'The new plan.'))
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await page.assertTextContains(dialog, '“plan.md” is already in this project')
    await dialog.getByRole('button', { name: 'New version of “plan.md”' }).click()
    await page.assertTextContains(row(page, 'plan.md'), 'Uploaded as version 2')
    await page.assertTextContains('tr[data-item="plan.md"]', 'v2')
    await page.assertElementsCount('tr[data-item="plan.md"]', 1)

    // Asked again and declined: nothing is sent.
    await input.setInputFiles(markdown('plan.md', 'A plan nobody wanted.'))
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await dialog.getByRole('button', { name: 'Don’t upload this file' }).click()
    await page.assertTextContains(row(page, 'plan.md'), 'Not uploaded')
    await page.getByText('Nothing uploaded', { exact: true }).waitFor()

    const items = await client
      .get(`/api/v1/content/items?projectId=${projectId}`)
      .bearerToken(token)
    assert.lengthOf(items.body().data, 1)
    assert.equal(items.body().data[0].version, 2)
  }).timeout(120_000)
})
