import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'

const toasts = (page: Page) => page.getByRole('region', { name: /^Notifications/ })

/** A tenant whose plain member is the admin of one private project. */
async function projectWithAdmin(client: any, label: string) {
  const { tenant, token } = await makeTenant(label)
  const { user } = await makeUser(tenant.id, 'member', 'Pat Projectadmin')
  const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'Ops' })
  const project = await client
    .post('/api/v1/projects')
    .bearerToken(token)
    .json({ programId: program.body().data.id, name: 'Runbooks', description: 'Old words' })
  await client
    .post(`/api/v1/projects/${project.body().data.id}/members`)
    .bearerToken(token)
    .json({ userId: user.id, role: 'admin' })
  const read = async () => {
    const response = await client
      .get(`/api/v1/projects/${project.body().data.id}`)
      .bearerToken(token)
    return response.body().data as { name: string; description: string | null; visibility: string }
  }
  return { tenant, user, projectId: project.body().data.id as string, read }
}

test.group('Editing a project from its page', () => {
  for (const width of [1280, 390]) {
    test(`a project admin edits name, description and visibility at ${width} px`, async ({
      client,
      visit,
      assert,
    }) => {
      const { tenant, user, projectId, read } = await projectWithAdmin(client, `edit${width}`)
      const page = await visit('/login')
      await page.setViewportSize({ width, height: 900 })
      await signIn(page, tenant.slug, user.email)
      await page.waitForURL('**/app')
      await open(page, `/app/projects/${projectId}`)
      await page.assertTextContains('[data-testid="visibility"]', 'Members only')

      await page.getByRole('button', { name: 'Edit project' }).click()
      const dialog = page.getByRole('dialog')
      await page.assertInputValue(dialog.getByLabel('Project name'), 'Runbooks')
      const box = await dialog.boundingBox()
      assert.isAtMost(box!.x + box!.width, width, 'the dialog fits the screen')
      assert.isAtLeast(box!.x, 0)

      await dialog.getByLabel('Project name').fill('Playbooks')
      await dialog.getByLabel('Description').fill('How we run the service')
      await dialog.getByRole('radio', { name: 'Everyone in the workspace' }).click()
      await dialog.getByRole('button', { name: 'Save changes' }).click()

      await page.assertTextContains(toasts(page), 'Project saved')
      await page.assertElementsCount('[role="dialog"]', 0)
      await page.assertTextContains('h1', 'Playbooks')
      await page.assertTextContains('[data-testid="project-description"]', 'How we run the service')
      await page.assertTextContains('[data-testid="visibility"]', 'Everyone in the workspace')
      assert.deepInclude(await read(), {
        name: 'Playbooks',
        description: 'How we run the service',
        visibility: 'public',
      })

      // No sideways scroll at this width: the page body (the shell's scrolling panel) fits.
      const sideways = await page.evaluate(() =>
        Array.from(document.querySelectorAll('[data-slot="body"]')).map(
          (body) => body.scrollWidth - body.clientWidth
        )
      )
      assert.isAbove(sideways.length, 0)
      for (const extra of sideways) assert.isAtMost(extra, 0)
    })
  }

  test('an empty name is refused under the field and nothing is saved', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, user, projectId, read } = await projectWithAdmin(client, 'editbad')
    const page = await visit('/login')
    await signIn(page, tenant.slug, user.email)
    await page.waitForURL('**/app')
    await open(page, `/app/projects/${projectId}`)

    await page.getByRole('button', { name: 'Edit project' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Project name').fill('')
    await dialog.getByLabel('Description').fill('Should not be kept')
    await dialog.getByRole('button', { name: 'Save changes' }).click()

    await page.assertTextContains(dialog.locator('[data-slot="error"]'), 'Name is required')
    await page.assertExists('[role="dialog"] input[name="name"][aria-invalid="true"]')
    await page.assertElementsCount('[role="dialog"]', 1)
    assert.deepInclude(await read(), {
      name: 'Runbooks',
      description: 'Old words',
      visibility: 'private',
    })

    // Cancelled: the page still shows what is stored.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await page.assertElementsCount('[role="dialog"]', 0)
    await page.assertTextContains('h1', 'Runbooks')
  })
})
