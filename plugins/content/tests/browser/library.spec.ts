import { test } from '@japa/runner'
import { makeTenant } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'
import { makeEventWorker } from '#events/make_worker'
import { makeProject } from '../functional/helpers.js'

test.group('Content library page', () => {
  test('upload a markdown file, watch its ingestion finish, find it by a word in its body', async ({
    client,
    visit,
  }) => {
    const { tenant, admin, token } = await makeTenant('library')
    const projectId = await makeProject(client, token, 'Handbook')

    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await open(page, `/app/projects/${projectId}`)
    await page.getByRole('link', { name: 'Content' }).click()
    await page.waitForURL('**/tabs/content/library')
    await page.assertTextContains('main', 'No content yet')

    await page.getByLabel(/^Text, Markdown, source code, PDF/).setInputFiles({
      name: 'turbines.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('# Turbines\n\nA zircaloy shroud protects the first-stage blades.\n'),
    })
    await page.getByRole('button', { name: 'Upload' }).click()
    await page.getByTestId('ingestion-status').waitFor()
    await page.assertTextContains('[data-testid="ingestion-status"]', 'Indexing')

    // The event worker delivers the ingestion (in production: events:work or the in-process worker).
    const worker = await makeEventWorker()
    await worker.runUntilIdle()
    await page.assertTextContains('[data-testid="ingestion-status"]', 'Indexed: 1 chunks')
    await page.assertTextContains('tr[data-item="turbines.md"]', 'Indexed')

    await page.getByLabel('Search this project').fill('zircaloy')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL('**/library?q=zircaloy')
    await page.assertTextContains('[data-testid="search-hit"]', 'turbines.md')
    await page.assertTextContains('[data-testid="search-hit"] mark', 'zircaloy')

    // The title opens the item at its best passage (each passage below it is a link too).
    await page.getByTestId('search-hit').getByRole('link', { name: 'turbines.md' }).click()
    await page.assertTextContains('[data-testid="opened-item"] h1', 'Turbines')
  })
})
