import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant } from '#tests/helpers/tenants'
import { hydrated, open, signIn } from '#tests/helpers/browser'
import { addText, makeProject } from '../../plugins/content/tests/functional/helpers.js'

const WIDTHS = [1280, 390]

const htmlIsDark = (page: Page) =>
  page.evaluate(() => document.documentElement.classList.contains('dark'))

/** The sidebar is a slide-over below the large breakpoint: open it first on a phone. */
async function openSidebarIfNarrow(page: Page, width: number) {
  if (width < 1024) await page.getByRole('button', { name: 'Open sidebar' }).click()
}

test.group('App shell', () => {
  for (const width of WIDTHS) {
    test(`dark mode: chosen in the theme menu, kept by the server on the next load (${width} px)`, async ({
      visit,
      assert,
    }) => {
      const { tenant, admin } = await makeTenant('theme')
      const page = await visit('/login')
      await page.setViewportSize({ width, height: 900 })
      await signIn(page, tenant.slug, admin.email)
      await page.waitForURL('**/admin')
      await hydrated(page)
      assert.isFalse(await htmlIsDark(page))

      await page.getByRole('button', { name: /^Theme:/ }).click()
      await page.getByRole('menuitemcheckbox', { name: 'Dark' }).click()
      assert.isTrue(await htmlIsDark(page))

      // The server renders the next page dark already: the HTML before any script runs.
      const html = await (await page.request.get('/app')).text()
      assert.match(html, /<html lang="en" class="dark">/)
      await open(page, '/app')
      assert.isTrue(await htmlIsDark(page))
      await page.assertExists('button[aria-label="Theme: Dark"]')

      await page.getByRole('button', { name: /^Theme:/ }).click()
      await page.getByRole('menuitemcheckbox', { name: 'Light' }).click()
      assert.isFalse(await htmlIsDark(page))
      await open(page, '/app')
      assert.isFalse(await htmlIsDark(page))
    })

    test(`the command palette finds a project and a document (${width} px)`, async ({
      client,
      visit,
    }) => {
      const { tenant, admin, token } = await makeTenant('palette')
      const projectId = await makeProject(client, token, 'Lighthouse keeping')
      await addText(
        client,
        token,
        projectId,
        'Fresnel lens maintenance',
        'Polish the prisms monthly.'
      )

      const page = await visit('/login')
      await page.setViewportSize({ width, height: 900 })
      await signIn(page, tenant.slug, admin.email)
      await page.waitForURL('**/admin')
      await hydrated(page)

      // With nothing typed it lists the projects; typing narrows, Enter opens.
      await page.keyboard.press('Control+k')
      const input = page.getByPlaceholder('Find a project or a document…')
      await input.waitFor()
      await input.fill('lighthouse')
      await page.getByRole('option', { name: /Lighthouse keeping/ }).waitFor()
      await page.keyboard.press('Enter')
      await page.waitForURL(`**/app/projects/${projectId}`)
      await page.assertTextContains('h1', 'Lighthouse keeping')

      // Opened from the sidebar's search button this time; a document by its title.
      await openSidebarIfNarrow(page, width)
      await page
        .getByRole('button', { name: /Search…/ })
        .first()
        .click()
      await input.fill('fresnel')
      await page.getByRole('option', { name: /Fresnel lens maintenance/ }).click()
      await page.waitForURL(`**/app/projects/${projectId}/tabs/content/library?item=*`)

      // Nothing matching says so.
      await page.keyboard.press('Control+k')
      await input.fill('zzqxv')
      await page.getByText('Nothing matches “zzqxv”.').waitFor()
    })
  }

  test('the tenant brand colour becomes the primary colour, readable in both themes', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('brand')
    const saved = await client
      .patch('/api/v1/tenant')
      .bearerToken(token)
      .json({ branding: { primaryColor: '#ffeb3b' } })
    saved.assertStatus(200)

    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await hydrated(page)
    const primary = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--ui-primary').trim()
    )
    // A pale yellow on white is unreadable: the theme uses a darker shade of it.
    assert.match(primary, /^#[0-9a-f]{6}$/)
    assert.notEqual(primary, '#ffeb3b')
  })
})
