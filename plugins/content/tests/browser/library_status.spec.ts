import { test } from '@japa/runner'
import sharp from 'sharp'
import { makeTenant } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'
import { addText, ingestAll, makeProject, upload } from '../functional/helpers.js'

test.group('Content library index status', () => {
  test('the index status updates in place: Indexing… until done, then Indexed · N chunks or No text', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('lib-status')
    const projectId = await makeProject(client, token, 'Status')
    const library = `/app/projects/${projectId}/tabs/content/library`

    // The first page of a run waits for Vite's first compile.
    const page = await visit('/login', { timeout: 120_000 })
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')

    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 })
      // Added by the signed-in user (the live updates go to who added the content).
      await addText(client, token, projectId, `Checklist ${width}`, 'Check the valves.')
      const png = await sharp({
        create: { width: 8, height: 8, channels: 3, background: '#336699' },
      })
        .png()
        .toBuffer()
      const image = await upload(client, token, projectId, png, `logo-${width}.png`)
      image.assertStatus(201)

      await open(page, library)
      const checklist = page.locator(
        `tr[data-item="Checklist ${width}"] [data-testid="item-status"]`
      )
      const logo = page.locator(`tr[data-item="logo-${width}.png"] [data-testid="item-status"]`)
      assert.equal((await checklist.innerText()).trim(), 'Indexing…')
      assert.equal((await logo.innerText()).trim(), 'Indexing…')
      await page.evaluate(() => ((window as any).notReloaded = true))

      await ingestAll()
      await page.waitForFunction(
        (size) =>
          document
            .querySelector(`tr[data-item="Checklist ${size}"] [data-testid="item-status"]`)
            ?.textContent?.trim() === 'Indexed · 1 chunk',
        width,
        { timeout: 20_000 }
      )
      await page.waitForFunction(
        (size) =>
          document
            .querySelector(`tr[data-item="logo-${size}.png"] [data-testid="item-status"]`)
            ?.textContent?.trim() === 'No text',
        width,
        { timeout: 20_000 }
      )
      assert.isTrue(await page.evaluate(() => (window as any).notReloaded === true))
    }
  }).timeout(180_000)
})
