import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { signIn } from '#tests/helpers/browser'

/** The toasts (Nuxt UI's notification region). */
const toasts = (page: Page) => page.getByRole('region', { name: /^Notifications/ })

test.group('Admin console', () => {
  test('create a project, add a member, configure a plugin, and see it all in the audit log', async ({
    visit,
  }) => {
    const { tenant, admin } = await makeTenant('console')
    const { user: colleague } = await makeUser(tenant.id, 'member', 'Casey Colleague')

    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')

    await page.getByRole('link', { name: 'Programs & projects' }).click()
    await page.waitForURL('**/admin/projects')
    await page.getByLabel('Program name').fill('Research')
    await page.getByRole('button', { name: 'Create program' }).click()
    await page.assertTextContains(toasts(page), 'Program "Research" created')
    await page.getByLabel('Project name').fill('Atlas')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.assertTextContains(toasts(page), 'Project "Atlas" created')
    await page.getByTestId('projects-table').getByRole('link', { name: 'Atlas' }).click()

    await page.waitForURL('**/admin/projects/*')
    await page.getByLabel('Person').click()
    await page.getByRole('option', { name: `Casey Colleague <${colleague.email}>` }).click()
    await page.getByLabel('Role', { exact: true }).click()
    await page.getByRole('option', { name: 'Editor' }).click()
    await page.getByRole('button', { name: 'Add member' }).click()
    await page.assertTextContains(toasts(page), 'Member added')
    await page.assertTextContains(`tr[data-member="${colleague.email}"]`, 'Editor')

    await page.getByRole('link', { name: 'Plugins' }).first().click()
    await page.waitForURL('**/admin/plugins')
    const toggle = page.getByLabel('Enable sample')
    await toggle.uncheck()
    await page.waitForResponse((response) => response.url().includes('/admin/plugins'))
    await toggle.check()
    await page.waitForResponse((response) => response.url().includes('/admin/plugins'))
    await page.locator('tr[data-plugin="sample"]').getByRole('link', { name: 'Settings' }).click()

    await page.waitForURL('**/admin/plugins/sample')
    await page.getByLabel('Greeting').fill('x')
    await page.getByLabel('Max items').fill('5')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.assertTextContains('[data-slot="error"]', 'At least')
    await page.assertExists('#setting-greeting[aria-invalid="true"]')
    await page.assertExists('#setting-maxItems[aria-invalid="false"]')
    await page.assertInputValue('#setting-maxItems', '5')
    await page.getByLabel('Greeting').fill('Welcome aboard')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.assertTextContains(toasts(page), 'Settings saved')
    await page.assertElementsCount('[data-slot="error"]', 0)

    await page.getByRole('link', { name: 'Audit log' }).click()
    await page.waitForURL('**/admin/audit')
    for (const action of [
      'program.created',
      'project.created',
      'membership.added',
      'plugin.disabled',
      'plugin.enabled',
      'plugin.settings_updated',
    ]) {
      await page.assertExists(`tr[data-action="${action}"]`)
    }

    await page.getByLabel('Action').fill('plugin')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL('**/admin/audit?action=plugin')
    await page.assertElementsCount('tr[data-action="project.created"]', 0)
    await page.assertExists('tr[data-action="plugin.settings_updated"]')
  })

  test('a plugin contributes a console page', async ({ visit }) => {
    const { tenant, admin } = await makeTenant('extpage')
    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await page.getByRole('link', { name: 'Sample plugin' }).click()
    await page.waitForURL('**/admin/ext/sample/overview')
    await page.assertTextContains('h1', 'Sample plugin')
    await page.assertTextContains(
      '[data-testid="plugin-view"]',
      'Project events this plugin has seen'
    )
  })
})
