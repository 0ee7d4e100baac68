import { randomUUID } from 'node:crypto'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import { createTenant } from '#services/tenant_onboarding'
import { TenantAccessTokensUserProvider } from '#auth/tenant_access_tokens_user_provider'
import { withTenant } from '#tenancy/with_tenant'
import type { TenantRole } from '#auth/roles'

export const PASSWORD = 'correct horse battery staple'

const tokens = new TenantAccessTokensUserProvider()

/** A fresh tenant with an admin and the admin's API token. */
export async function makeTenant(label = 'acme') {
  const slug = `${label}-${randomUUID().slice(0, 8)}`
  const { tenant, admin } = await createTenant({
    name: `${label} Inc`,
    slug,
    admin: { email: `admin@${slug}.test`, fullName: `${label} Admin`, password: PASSWORD },
  })
  return { tenant, admin, token: await tokenFor(admin) }
}

export async function tokenFor(user: User) {
  const token = await tokens.createToken(user, ['*'], { name: 'test' })
  return token.value!.release()
}

/** Another user of the tenant, with a token. */
export async function makeUser(tenantId: string, role: TenantRole = 'member', name = 'Member') {
  const user = await withTenant(tenantId, async (trx) =>
    User.create(
      {
        tenantId,
        email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@example.test`,
        fullName: name,
        password: await hash.make(PASSWORD),
        role,
        isActive: true,
      },
      { client: trx }
    )
  )
  return { user, token: await tokenFor(user) }
}
