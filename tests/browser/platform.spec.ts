import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import env from '#start/env'
import { PASSWORD } from '#tests/helpers/tenants'
import { hydrated } from '#tests/helpers/browser'

test.group('Platform operator pages', () => {
  test('the operator signs in, creates a tenant with its admin, and deactivates it', async ({
    visit,
    client,
  }) => {
    const page = await visit('/platform/tenants')
    await page.waitForURL('**/platform/login')
    await hydrated(page)
    await page.getByLabel('Operator token').fill('wrong')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('[data-slot="error"]').waitFor()
    await page.assertTextContains('[data-slot="error"]', 'not the operator token')
    await page.assertExists('#operator-token[aria-invalid="true"]')
    await page.getByLabel('Operator token').fill(env.get('OPERATOR_TOKEN')!)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/platform/tenants')

    const slug = `page-${randomUUID().slice(0, 8)}`
    await page.getByText('New tenant').click()
    await page.getByLabel('Name', { exact: true }).fill('Page Made')
    await page.getByLabel('Workspace slug').fill(slug)
    await page.getByLabel('Full name').fill('Page Admin')
    await page.getByLabel('Email').fill(`boss@${slug}.test`)
    await page.getByLabel('Password').fill('short')
    await page.getByRole('button', { name: 'Create tenant' }).click()
    await page.assertTextContains(
      page.getByRole('dialog').locator('[data-slot="error"]'),
      'At least 10 characters'
    )
    await page.assertExists('[role="dialog"] input[name="adminPassword"][aria-invalid="true"]')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create tenant' }).click()
    await page.assertTextContains(
      page.getByRole('region', { name: /^Notifications/ }),
      `Workspace "${slug}" created`
    )
    await page.assertExists(`tr[data-tenant="${slug}"]`)

    const signIn = await client
      .post('/api/v1/auth/tokens')
      .json({ workspace: slug, email: `boss@${slug}.test`, password: PASSWORD, name: 'x' })
    signIn.assertStatus(201)

    await page
      .locator(`tr[data-tenant="${slug}"]`)
      .getByRole('button', { name: 'Deactivate' })
      .click()
    // A confirmation dialog, not the browser's confirm(): nothing changes before it is confirmed.
    const confirm = page.getByRole('dialog')
    await page.assertTextContains(confirm, 'Deactivate “Page Made”?')
    await page.assertTextContains(`tr[data-tenant="${slug}"]`, 'Active')
    await confirm.getByRole('button', { name: 'Deactivate' }).click()
    await page.assertTextContains(`tr[data-tenant="${slug}"]`, 'Deactivated')
  })
})
