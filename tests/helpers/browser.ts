import type { Page } from 'playwright'
import { PASSWORD } from '#tests/helpers/tenants'

/** Signs in through the login page, as a person would. */
export async function signIn(page: Page, workspace: string, email: string, password = PASSWORD) {
  await page.getByLabel('Workspace').fill(workspace)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}
