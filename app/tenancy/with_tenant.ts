import { AsyncLocalStorage } from 'node:async_hooks'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export type TenantTransaction = TransactionClientContract

type AfterCommit = () => unknown

/** Side effects waiting for a tenant transaction (or savepoint) to commit. */
const pendingEffects = new WeakMap<TenantTransaction, AfterCommit[]>()

/**
 * Marks the code running inside a request's tenant transaction: a second
 * tenant transaction there would take another pooled connection, see none of
 * the request's uncommitted writes, and can wait on the request's own locks.
 */
const requestScope = new AsyncLocalStorage<{ open: boolean }>()

export class NestedTenantTransactionError extends Error {
  constructor() {
    super(
      "withTenant() was called inside a request's tenant transaction: use ctx.tenant.trx, or defer the work with afterCommit()"
    )
  }
}

/**
 * Runs `work` in a transaction bound to one tenant. The tenant is set with
 * set_config(..., true), so it lives and dies with this transaction and never
 * leaks to the next user of the pooled connection. Effects registered with
 * afterCommit() run once it has committed; a rollback discards them.
 */
export async function withTenant<T>(
  tenantId: string,
  work: (trx: TenantTransaction) => Promise<T>
): Promise<T> {
  if (requestScope.getStore()?.open) throw new NestedTenantTransactionError()
  const effects: AfterCommit[] = []
  const result = await db.transaction(async (trx) => {
    pendingEffects.set(trx, effects)
    await bindTenant(trx, tenantId)
    return work(trx)
  })
  await runEffects(effects)
  return result
}

/**
 * The request's tenant transaction (used by the tenant middleware): like
 * withTenant, and while it is open any other withTenant() call in the same
 * request fails instead of silently opening a second transaction. After-commit
 * effects run outside the request scope, so work they start may open its own.
 */
export async function withRequestTenant<T>(
  tenantId: string,
  work: (trx: TenantTransaction) => Promise<T>
): Promise<T> {
  if (requestScope.getStore()?.open) throw new NestedTenantTransactionError()
  const scope = { open: true }
  const effects: AfterCommit[] = []
  const result = await requestScope.run(scope, async () => {
    try {
      return await db.transaction(async (trx) => {
        pendingEffects.set(trx, effects)
        await bindTenant(trx, tenantId)
        return work(trx)
      })
    } finally {
      scope.open = false
    }
  })
  await requestScope.exit(() => runEffects(effects))
  return result
}

/**
 * Defers an external side effect (deleting an S3 object, notifying someone)
 * until `trx` has committed: a rollback must not leave the world changed.
 * Effects run in order once the outermost transaction commits; a failure is
 * logged, never thrown, since the data they follow is already committed.
 */
export function afterCommit(trx: TenantTransaction, effect: AfterCommit) {
  const effects = pendingEffects.get(trx)
  if (!effects) {
    throw new Error('afterCommit() needs a transaction opened by withTenant() or withSavepoint()')
  }
  effects.push(effect)
}

/**
 * Runs `work` in a savepoint of `trx`. Its after-commit effects join the
 * outer transaction's when it succeeds and are dropped when it rolls back.
 */
export async function withSavepoint<T>(
  trx: TenantTransaction,
  work: (savepoint: TenantTransaction) => Promise<T>
): Promise<T> {
  const effects: AfterCommit[] = []
  const result = await trx.transaction(async (savepoint) => {
    pendingEffects.set(savepoint, effects)
    return work(savepoint)
  })
  for (const effect of effects) afterCommit(trx, effect)
  return result
}

async function runEffects(effects: AfterCommit[]) {
  for (const effect of effects) {
    try {
      await effect()
    } catch (error) {
      logger.error({ err: error }, 'an after-commit effect failed')
    }
  }
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
