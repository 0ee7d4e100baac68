import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { makeTenant } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'

test.group('Retrieval evaluation page', () => {
  test('an admin starts a run; the page follows it in the background until its figures show', async ({
    visit,
  }) => {
    const { tenant, admin } = await makeTenant('evalbrowser')
    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await open(page, '/admin/ext/content/evaluations')
    await page.assertTextContains('main', 'No evaluation has run in this workspace yet')

    await page
      .getByLabel('Labelled set (JSON: documents, queries, judgements)')
      .setInputFiles(app.makePath('plugins/content/tests/fixtures/tiny_set.json'))
    await page.getByRole('button', { name: 'Run evaluation' }).click()

    // The page re-reads the list while the run is unfinished, with no reload by the user.
    const finished = page.locator('section[data-evaluation="tiny"][data-status="done"]')
    await finished.waitFor({ timeout: 60_000 })
    await page.assertElementsCount(
      'section[data-evaluation="tiny"][data-status="done"] tbody tr',
      5
    )
    await page.assertTextContains(
      'section[data-evaluation="tiny"][data-status="done"]',
      'baseline: BM25'
    )
    await page.assertNotExists('section[data-status="running"]')
  }).timeout(90_000)
})
