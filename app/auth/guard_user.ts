import User from '#models/user'
import { withTenant } from '#tenancy/with_tenant'

/**
 * Guards remember a user as "tenantId:userId:credentialsVersion", so a request
 * can load its user inside that tenant's row-level security, and a session
 * opened before the password last changed no longer matches its user.
 */
export function guardIdentity(user: User) {
  return `${user.tenantId}:${user.id}:${user.credentialsVersion ?? 0}`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `credentialsVersion` is null when the identity does not carry one (access tokens). */
export function parseGuardIdentity(identity: unknown) {
  const [tenantId, userId, version] = String(identity).split(':')
  if (!UUID.test(tenantId ?? '') || !UUID.test(userId ?? '')) return null
  const credentialsVersion = version !== undefined && /^\d+$/.test(version) ? Number(version) : null
  return { tenantId, userId, credentialsVersion }
}

/** An active user of an active tenant, or null. */
export async function findActiveUser(tenantId: string, userId: string) {
  return withTenant(tenantId, async (trx) => {
    const user = await User.query({ client: trx })
      .where('id', userId)
      .where('is_active', true)
      .whereExists((query) => query.from('tenants').where('is_active', true))
      .first()
    return user
  })
}

export function toGuardUser(user: User) {
  return {
    getId: () => guardIdentity(user),
    getOriginal: () => user,
  }
}
