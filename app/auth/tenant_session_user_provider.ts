import { symbols } from '@adonisjs/auth'
import type { SessionUserProviderContract } from '@adonisjs/auth/types/session'
import type User from '#models/user'
import { findActiveUser, parseGuardIdentity, toGuardUser } from '#auth/guard_user'

/** Session guard users, loaded inside their own tenant. */
export class TenantSessionUserProvider implements SessionUserProviderContract<User> {
  declare [symbols.PROVIDER_REAL_USER]: User

  async createUserForGuard(user: User) {
    return toGuardUser(user)
  }

  async findById(identifier: string | number | BigInt) {
    const identity = parseGuardIdentity(identifier)
    if (!identity) return null
    const user = await findActiveUser(identity.tenantId, identity.userId)
    return user ? toGuardUser(user) : null
  }
}
