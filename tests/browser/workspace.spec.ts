import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'

test.group('Workspace shell', () => {
  test('a member navigates programs → projects, sees members and plugin tabs', async ({
    client,
    visit,
  }) => {
    const { tenant, token } = await makeTenant('shell')
    const { user } = await makeUser(tenant.id, 'member', 'Morgan Member')
    const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'Ops' })
    const project = await client
      .post('/api/v1/projects')
      .bearerToken(token)
      .json({ programId: program.body().data.id, name: 'Runbooks' })
    await client
      .post(`/api/v1/projects/${project.body().data.id}/members`)
      .bearerToken(token)
      .json({ userId: user.id, role: 'viewer' })

    const page = await visit('/login')
    await signIn(page, tenant.slug, user.email)
    await page.waitForURL('**/app')
    await page.assertTextContains('nav[aria-label="Programs and projects"]', 'Runbooks')
    await page
      .locator('nav[aria-label="Programs and projects"]')
      .getByRole('link', { name: 'Runbooks' })
      .click()
    await page.waitForURL(`**/app/projects/${project.body().data.id}`)
    await page.assertTextContains('[data-testid="project-members"]', 'Morgan Member')
    await page.assertTextContains('[data-testid="my-role"]', 'Viewer')
    // A viewer may not edit the project.
    await page.assertElementsCount('button:has-text("Edit project")', 0)
    await page.getByRole('link', { name: 'Sample log' }).click()
    await page.waitForURL('**/tabs/sample/log')
    await page.assertTextContains('[data-testid="project-tab"] > h2', 'Sample log')
    await page.assertExists(
      'nav[aria-label="Project sections"] a[aria-current="page"]:has-text("Sample log")'
    )
  })

  test('access tokens: created and shown once, listed, revoked', async ({ visit }) => {
    const { tenant, admin } = await makeTenant('tokenpage')
    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await open(page, '/app/tokens')
    await page.getByLabel('Name', { exact: true }).fill('laptop')
    await page.getByRole('button', { name: 'Create token' }).click()
    const secret = await page.getByTestId('new-token').inputValue()
    if (!secret.startsWith('cnx_')) throw new Error(`unexpected token ${secret}`)
    await page.assertTextContains('tbody', 'laptop')

    await page
      .getByRole('row', { name: /laptop/ })
      .getByRole('button', { name: 'Revoke' })
      .click()
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click()
    await page.waitForResponse((response) => response.url().includes('/app/tokens'))
    await page.assertElementsCount('tbody tr', 1)
  })

  test('a read-only token made on the page reads but cannot write', async ({ visit, client }) => {
    const { tenant, admin } = await makeTenant('readtoken')
    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await open(page, '/app/tokens')
    await page.getByLabel('Name', { exact: true }).fill('reporting')
    await page.getByLabel('Access').click()
    await page.getByRole('option', { name: 'Read only' }).click()
    await page.getByRole('button', { name: 'Create token' }).click()
    const secret = await page.getByTestId('new-token').inputValue()
    await page.assertTextContains(page.getByRole('row', { name: /reporting/ }), 'Read only')

    const read = await client.get('/api/v1/programs').bearerToken(secret)
    read.assertStatus(200)
    const write = await client.post('/api/v1/programs').bearerToken(secret).json({ name: 'No' })
    write.assertStatus(403)
  })
})
