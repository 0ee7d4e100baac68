import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
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
    await createTenant({
      name: 'Demo',
      slug: DEMO_SLUG,
      admin: { email, fullName: 'Demo Admin', password },
    })
    const credentials = `workspace: ${DEMO_SLUG}\nemail:     ${email}\npassword:  ${password}\n`
    await writeFile(app.makePath('storage', 'demo-credentials.txt'), credentials, { mode: 0o600 })
    console.log(`\n» demo workspace created. Sign in with\n${credentials}`)
  }
}
