import type { TenantTransaction } from '#tenancy/with_tenant'

export interface AccessTokenSummary {
  id: string
  name: string
  abilities: string[]
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

/** A user's access tokens, newest first; never the secret nor its hash. */
export async function accessTokensOf(
  trx: TenantTransaction,
  userId: string
): Promise<AccessTokenSummary[]> {
  const rows = await trx
    .from('auth_access_tokens')
    .where('tokenable_id', userId)
    .orderBy('created_at', 'desc')
    .select('id', 'name', 'abilities', 'created_at', 'last_used_at', 'expires_at')
  return rows.map((row) => ({
    id: String(row.id),
    name: (row.name as string | null) ?? '(unnamed)',
    abilities: typeof row.abilities === 'string' ? JSON.parse(row.abilities) : row.abilities,
    createdAt: iso(row.created_at)!,
    lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at),
  }))
}

/** Deletes one of the user's tokens; false when the user has no such token. */
export async function deleteAccessTokenOf(trx: TenantTransaction, userId: string, id: string) {
  const deleted = await trx.from('auth_access_tokens').where({ id, tokenable_id: userId }).delete()
  return Number(deleted) > 0
}

/**
 * Deletes every access token of the user, but `exceptId` (the one the request came with);
 * how many went.
 */
export async function deleteAccessTokensOf(
  trx: TenantTransaction,
  userId: string,
  exceptId?: string
): Promise<number> {
  const tokens = trx.from('auth_access_tokens').where('tokenable_id', userId)
  if (exceptId !== undefined) tokens.whereNot('id', exceptId)
  return Number(await tokens.delete())
}
