import { symbols } from '@adonisjs/auth'
import type { SessionUserProviderContract } from '@adonisjs/auth/types/session'
import type User from '#models/user'
import { findActiveUser, parseGuardIdentity, toGuardUser } from '#auth/guard_user'

/** Session guard users, loaded inside their own tenant, while their credentials still match. */
export class TenantSessionUserProvider implements SessionUserProviderContract<User> {
  declare [symbols.PROVIDER_REAL_USER]: User

  async createUserForGuard(user: User) {
    return toGuardUser(user)
  }

  /** A session opened before the user's password last changed finds no user. */
  async findById(identifier: string | number | BigInt) {
    const identity = parseGuardIdentity(identifier)
    if (!identity) return null
    const user = await findActiveUser(identity.tenantId, identity.userId)
    if (!user || user.credentialsVersion !== (identity.credentialsVersion ?? 0)) return null
    return toGuardUser(user)
  }
}
