import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant } from '#tests/helpers/tenants'
import { hydrated, open, signIn } from '#tests/helpers/browser'
import { addText, ingestAll, makeProject } from '../functional/helpers.js'

/** A paragraph of about 60 words (over the chunker's 40-token overlap, so never carried over). */
const filler = (topic: string) =>
  Array.from(
    { length: 6 },
    (_, index) =>
      `The ${topic} inspection step ${index + 1} records blade pitch, bearing temperature, rotor speed and vibration before the crew signs the daily log.`
  ).join(' ')

/** Eight sections: "zircaloy" in the second and the seventh, far apart (several chunks). */
function manual() {
  const sections = Array.from({ length: 8 }, (_, index) => {
    const number = index + 1
    const special =
      number === 2
        ? ' A zircaloy shroud protects the first-stage blades.'
        : number === 7
          ? ' Replace the zircaloy seal ring when it shows pitting.'
          : ''
    return `## Section ${number}\n\n${filler(`section ${number}`)}${special}\n`
  })
  return `# Turbine manual\n\n${sections.join('\n')}`
}

async function noSidewaysScroll(page: Page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth <= document.documentElement.clientWidth
  )
}

test.group('Content library search', () => {
  test('results grouped by document, a clear empty state, and a jump to the passage with its words marked', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('lib-search')
    const projectId = await makeProject(client, token, 'Turbines')
    const manualId = await addText(client, token, projectId, 'Turbine manual', manual())
    await addText(
      client,
      token,
      projectId,
      'Seal supplier note',
      'Our supplier ships the zircaloy ring in boxes of ten.'
    )
    await addText(client, token, projectId, 'Canteen menu', 'Soup on Monday, fish on Friday.')
    await ingestAll()
    const library = `/app/projects/${projectId}/tabs/content/library`

    // The first page of a run waits for Vite's first compile.
    const page = await visit('/login', { timeout: 120_000 })
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 })
      await open(page, library)
      await page.assertTextContains('tr[data-item="Turbine manual"]', 'Indexed · ')
      const noteStatus = page.locator(
        'tr[data-item="Seal supplier note"] [data-testid="item-status"]'
      )
      assert.equal((await noteStatus.innerText()).trim(), 'Indexed · 1 chunk')

      // Grouped: one row per document, however many of its passages match.
      await page.getByLabel('Search this project').fill('zircaloy')
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      await page.waitForURL('**/library?q=zircaloy')
      await page.getByTestId('search-hit').first().waitFor()
      assert.equal(await page.getByTestId('search-hit').count(), 2)
      const manualHit = page.getByTestId('search-hit').filter({ hasText: 'Turbine manual' })
      await manualHit.getByText('2 matching passages').waitFor()
      assert.equal(await manualHit.getByTestId('search-passage').count(), 2)
      assert.equal(await manualHit.locator('mark').first().innerText(), 'zircaloy')
      const noteHit = page.getByTestId('search-hit').filter({ hasText: 'Seal supplier note' })
      await noteHit.getByText('1 matching passage', { exact: true }).waitFor()
      assert.equal(await page.getByTestId('search-hit').filter({ hasText: 'Canteen' }).count(), 0)
      assert.isTrue(await noSidewaysScroll(page), `no sideways scroll at ${width}px`)

      // The mode is in the URL: a reload keeps it and the results.
      await page.getByLabel('Mode').click()
      await page.getByRole('option', { name: 'Full text' }).click()
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      await page.waitForURL('**/library?q=zircaloy&mode=fulltext')
      await page.reload()
      // Typing before hydration would submit the bare HTML form (without the mode).
      await hydrated(page)
      await page.assertTextContains('form[role="search"]', 'Full text')
      assert.equal(await page.getByTestId('search-hit').count(), 2)

      // Nonsense finds nothing, and says so.
      await page.getByLabel('Search this project').fill('qzxvjwk')
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      await page.getByText('No results for “qzxvjwk”').waitFor()
      assert.equal(await page.getByTestId('search-hit').count(), 0)

      // A passage deep in the manual opens the manual there, its words marked.
      await page.getByLabel('Search this project').fill('zircaloy seal')
      await page.getByRole('button', { name: 'Search', exact: true }).click()
      await page.waitForURL('**/library?q=zircaloy+seal**')
      await page
        .getByTestId('search-hit')
        .filter({ hasText: 'Turbine manual' })
        .getByTestId('search-passage')
        .filter({ hasText: 'Section 7' })
        .click()
      await page.waitForURL(`**/library?item=${manualId}&chunk=*`)
      const passage = page.getByTestId('opened-passage')
      await passage.waitFor()
      await page.assertTextContains(
        '[data-testid="opened-passage"]',
        'seal ring when it shows pitting'
      )
      const marked = await passage.locator('mark').allInnerTexts()
      assert.includeMembers(
        marked.map((word) => word.toLowerCase()),
        ['zircaloy', 'seal']
      )
      await page.waitForFunction(() => {
        const box = document
          .querySelector('[data-testid="opened-passage"]')!
          .getBoundingClientRect()
        return box.top >= 0 && box.top < window.innerHeight
      })
      // Words are marked beyond the passage too (the first section's zircaloy).
      assert.isAbove(
        await page.locator('[data-testid="opened-item"] .rendered mark').count(),
        marked.length
      )
      assert.isTrue(await noSidewaysScroll(page), `no sideways scroll in the item at ${width}px`)

      // Marked on the server: the page as first sent already has the passage and its marks.
      const html = await (await page.request.get(page.url())).text()
      assert.include(html, 'data-testid="opened-passage"')
      assert.match(html, /<mark>zircaloy<\/mark>/i)

      await page.getByRole('link', { name: 'Back to results' }).click()
      await page.waitForURL('**/library?q=zircaloy+seal&mode=fulltext')
      await page.getByTestId('search-hit').first().waitFor()
    }
  }).timeout(240_000)
})
