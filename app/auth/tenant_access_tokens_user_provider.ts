import { symbols } from '@adonisjs/auth'
import { AccessToken } from '@adonisjs/auth/access_tokens'
import type { AccessTokensUserProviderContract } from '@adonisjs/auth/types/access_tokens'
import type { Secret } from '@adonisjs/core/helpers'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type User from '#models/user'
import { withTenant, type TenantTransaction } from '#tenancy/with_tenant'
import { findActiveUser, parseGuardIdentity, toGuardUser } from '#auth/guard_user'

export const TOKEN_PREFIX = 'cnx_'
const TABLE = 'auth_access_tokens'

interface TokenRow {
  id: string
  tenant_id: string
  tokenable_id: string
  type: string
  name: string | null
  hash: string
  abilities: string
  created_at: Date
  updated_at: Date
  last_used_at: Date | null
  expires_at: Date | null
}

function toAccessToken(row: TokenRow, secret?: Secret<string>) {
  return new AccessToken({
    identifier: row.id,
    tokenableId: `${row.tenant_id}:${row.tokenable_id}`,
    type: row.type,
    name: row.name,
    hash: row.hash,
    abilities: JSON.parse(row.abilities),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    prefix: TOKEN_PREFIX,
    secret,
  })
}

/**
 * Personal access tokens, stored hashed. A token names its row; a security-definer
 * function tells which tenant owns the row, and the secret is then checked inside
 * that tenant's row-level security.
 */
export class TenantAccessTokensUserProvider implements AccessTokensUserProviderContract<User> {
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

  async createToken(
    user: User,
    abilities: string[] = ['*'],
    options?: { name?: string; expiresIn?: string | number },
    trx?: TenantTransaction
  ) {
    const transient = AccessToken.createTransientToken(user.id, 40, options?.expiresIn)
    const insert = async (client: TenantTransaction) => {
      const [row] = await client
        .table(TABLE)
        .insert({
          tenant_id: user.tenantId,
          tokenable_id: user.id,
          name: options?.name ?? null,
          hash: transient.hash,
          abilities: JSON.stringify(abilities),
          expires_at: transient.expiresAt ?? null,
        })
        .returning('*')
      return toAccessToken(row as TokenRow, transient.secret)
    }
    return trx ? insert(trx) : withTenant(user.tenantId, insert)
  }

  async invalidateToken(tokenValue: Secret<string>) {
    const located = await this.#locate(tokenValue)
    if (!located) return false
    return withTenant(located.tenantId, async (trx) => {
      const deleted = await trx.from(TABLE).where('id', located.identifier).delete()
      return Number(deleted) > 0
    })
  }

  async verifyToken(tokenValue: Secret<string>) {
    const located = await this.#locate(tokenValue)
    if (!located) return null
    return withTenant(located.tenantId, async (trx) => {
      const row = (await trx.from(TABLE).where('id', located.identifier).first()) as TokenRow | null
      if (!row) return null
      const token = toAccessToken(row)
      if (!token.verify(located.secret) || token.isExpired()) return null
      await trx.from(TABLE).where('id', row.id).update({ last_used_at: DateTime.now().toSQL() })
      return token
    })
  }

  async #locate(tokenValue: Secret<string>) {
    const decoded = AccessToken.decode(TOKEN_PREFIX, tokenValue.release())
    if (!decoded || !/^[0-9a-f-]{36}$/i.test(decoded.identifier)) return null
    const { rows } = await db.rawQuery('select app_access_token_tenant(?) as tenant_id', [
      decoded.identifier,
    ])
    const tenantId = rows[0]?.tenant_id as string | null
    return tenantId ? { tenantId, ...decoded } : null
  }
}
