import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'
import { ingestAll, makePdf, makeProject, upload } from '../functional/helpers.js'

/** An A4 PDF of `count` pages, each showing "Page n of the manual". */
function manyPages(count: number) {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '']
  const font = 3 + 2 * count
  const kids: string[] = []
  for (let n = 1; n <= count; n++) {
    const stream = `BT /F1 36 Tf 60 700 Td (Page ${n} of the manual) Tj ET`
    const id = objects.length + 1
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${id + 1} 0 R /Resources << /Font << /F1 ${font} 0 R >> >> >>`,
      `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`
    )
    kids.push(`${id} 0 R`)
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${count} >>`
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

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
    // Opened once the page shows it indexed: the live update reloads the list meanwhile.
    await page.assertTextContains('tr[data-item="cladding.pdf"]', 'Indexed')
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

  test('a long PDF draws only the pages near view, and the others as they scroll into it', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('pdf-lazy')
    const projectId = await makeProject(client, token, 'Handbook')
    const manual = await upload(client, token, projectId, manyPages(20), 'manual.pdf')
    manual.assertStatus(201)
    await ingestAll()
    const page: Page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await open(
      page,
      `/app/projects/${projectId}/tabs/content/library?item=${manual.body().data.id}`
    )

    const drawn = page.locator('[data-testid="pdf-pages"] canvas[data-drawn="true"]')
    await drawn.first().waitFor()
    await page.assertTextContains('[data-testid="pdf-pages"]', '20 pages')
    await page.assertTextContains('[data-testid="pdf-pages"]', 'Page 20 of 20')
    assert.isBelow(await drawn.count(), 20)
    await page.assertNotExists('canvas[data-page="20"][data-drawn="true"]')

    await page
      .locator('[data-testid="pdf-pages"] ol')
      .evaluate((list) => (list.scrollTop = list.scrollHeight))
    await page.locator('canvas[data-page="20"][data-drawn="true"]').waitFor()
    // Page 1, now far above, gave its canvas back.
    await page.assertNotExists('canvas[data-page="1"][data-drawn="true"]')
  }).timeout(120_000)
})
