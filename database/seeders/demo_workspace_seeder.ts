import { randomBytes } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import app from '@adonisjs/core/services/app'
import { createTenant } from '#services/tenant_onboarding'
import { resolveTenantKey } from '#tenancy/with_tenant'

export const DEMO_SLUG = 'demo'

/**
 * A demo workspace with an admin, created once. The generated password is
 * printed and kept in storage/demo-credentials.txt (readable by the owner only).
 */
export default class DemoWorkspaceSeeder extends BaseSeeder {
  static environment = ['development', 'production']

  async run() {
    if (await resolveTenantKey(DEMO_SLUG)) {
      console.log(
        `» demo workspace "${DEMO_SLUG}" exists; credentials: storage/demo-credentials.txt`
      )
      return
    }
    const email = 'admin@demo.local'
    const password = randomBytes(12).toString('base64url')
    const credentials = `workspace: ${DEMO_SLUG}\nemail:     ${email}\npassword:  ${password}\n`
    const file = app.makePath('storage', 'demo-credentials.txt')
    // Written first, so a workspace is never created with a password nobody kept.
    await mkdir(app.makePath('storage'), { recursive: true })
    await writeFile(file, credentials, { mode: 0o600 })
    try {
      await createTenant({
        name: 'Demo',
        slug: DEMO_SLUG,
        admin: { email, fullName: 'Demo Admin', password },
      })
    } catch (error) {
      await rm(file, { force: true })
      throw error
    }
    console.log(`\n» demo workspace created. Sign in with\n${credentials}`)
  }
}
