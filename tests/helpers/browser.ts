import type { Page } from 'playwright'
import { PASSWORD } from '#tests/helpers/tenants'

/** Waits until the server-rendered page has hydrated and reacts to input. */
export async function hydrated(page: Page) {
  // attached, not visible: the app shell is a fixed full-screen frame, so <html> has no height
  await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached', timeout: 60_000 })
}

/** Opens a page with a full load and waits for it to become interactive. */
export async function open(page: Page, path: string) {
  await page.goto(path)
  await hydrated(page)
}

/** Signs in through the login page, as a person would. */
export async function signIn(page: Page, workspace: string, email: string, password = PASSWORD) {
  await hydrated(page)
  await page.getByLabel('Workspace').fill(workspace)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}
