import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { signIn } from '#tests/helpers/browser'

test.group('Sign-in page', () => {
  test('an admin signs in and lands on the admin dashboard', async ({ visit }) => {
    const { tenant, admin } = await makeTenant('browser')
    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await page.assertTextContains('h1', 'Dashboard')
    await page.assertTextContains('[data-stat="users"] .figure', '1')
    // Recent activity names what happened, not only who did it.
    await page.assertTextContains('[data-testid="recent-activity"]', 'Signed in')
  })

  test('wrong credentials keep the input and say why', async ({ visit }) => {
    const { tenant, admin } = await makeTenant('browserbad')
    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email, 'not the password')
    await page.assertTextContains('[role="alert"]', 'Invalid workspace, email or password')
    await page.assertInputValue('#email', admin.email)
    await page.assertInputValue('#workspace', tenant.slug)
  })

  test('a member is refused the admin console with a 403 page', async ({ visit }) => {
    const { tenant } = await makeTenant('browsermember')
    const { user } = await makeUser(tenant.id, 'member', 'Plain Member')
    const page = await visit('/login')
    await signIn(page, tenant.slug, user.email)
    await page.waitForURL('**/app')
    const response = await page.goto('/admin')
    await page.assertTextContains('h1', '403')
    if (response?.status() !== 403) throw new Error(`expected HTTP 403, got ${response?.status()}`)
  })
})
