import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export type TenantTransaction = TransactionClientContract

/**
 * Runs `work` in a transaction bound to one tenant. The tenant is set with
 * set_config(..., true), so it lives and dies with this transaction and never
 * leaks to the next user of the pooled connection.
 */
export async function withTenant<T>(
  tenantId: string,
  work: (trx: TenantTransaction) => Promise<T>
): Promise<T> {
  return db.transaction(async (trx) => {
    await bindTenant(trx, tenantId)
    return work(trx)
  })
}

export async function bindTenant(trx: TenantTransaction, tenantId: string) {
  await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [tenantId])
}

/** The workspace a login names: its slug or its domain. Works before any tenant is set. */
export async function resolveTenantKey(key: string) {
  const { rows } = await db.rawQuery('select id, is_active from app_resolve_tenant(?)', [
    key.trim().toLowerCase(),
  ])
  return (rows[0] as { id: string; is_active: boolean } | undefined) ?? null
}
