import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'
import { ingestAll, makePdf, makeProject } from '../functional/helpers.js'

/** Size of page 1's canvas and how many of its pixels are dark (the drawn text). */
function pageOne(page: Page) {
  return page
    .locator('[data-testid="pdf-pages"] canvas[data-page="1"][data-drawn="true"]')
    .evaluate((canvas: HTMLCanvasElement) => {
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      let dark = 0
      for (let index = 0; index < pixels.length; index += 4) if (pixels[index] < 128) dark++
      return { width: canvas.width, height: canvas.height, dark }
    })
}

test.group('PDF pages', () => {
  test('an uploaded PDF opens with its pages drawn beside its text, at 1280 and 390 px', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('pdf-view')
    const projectId = await makeProject(client, token, 'Handbook')
    const page: Page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    const library = `/app/projects/${projectId}/tabs/content/library`
    await open(page, library)

    await page.getByLabel(/^Text, Markdown, source code, PDF/).setInputFiles({
      name: 'cladding.pdf',
      mimeType: 'application/pdf',
      buffer: makePdf('Zircaloy cladding report'),
    })
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await page.assertTextContains('li[data-upload="cladding.pdf"]', 'Uploaded')
    await ingestAll()
    await page.locator('tr[data-item="cladding.pdf"]').getByRole('link').click()
    await page.waitForURL('**/library?item=*')
    const itemUrl = new URL(page.url()).pathname + new URL(page.url()).search

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      if (width !== 1280) await open(page, itemUrl)
      const opened = page.getByTestId('opened-item')
      await page.assertTextContains(opened, 'Zircaloy cladding report')
      await page.assertTextContains('[data-testid="pdf-pages"]', 'Page 1 of 1')
      const drawn = await pageOne(page)
      assert.isAbove(drawn.width, 0)
      assert.isAbove(drawn.height, 0)
      assert.isAbove(drawn.dark, 0, 'the page shows its text')
      // The page fits the item view: no sideways scroll.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      )
      assert.isAtMost(overflow, 0)
    }
  }).timeout(180_000)
})
