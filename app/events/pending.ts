import db from '@adonisjs/lucid/services/db'

/** A (tenant, consumer) pair with events after its cursor. */
export interface PendingDelivery {
  tenantId: string
  consumer: string
  /** The next event can be delivered now without breaking commit order. */
  ready: boolean
  /** The cursor is backing off after a failure until then. */
  retryAt: Date | null
}

/**
 * Where the named consumers have work, across every tenant, in one query
 * (app_pending_event_deliveries, a security-definer function: the runtime
 * role sees outbox rows only under one tenant's RLS).
 */
export async function pendingDeliveries(consumers: string[]): Promise<PendingDelivery[]> {
  if (consumers.length === 0) return []
  const { rows } = await db.rawQuery(
    'select tenant_id, consumer, ready, retry_at from app_pending_event_deliveries(?::text[])',
    [consumers]
  )
  return (rows as Record<string, any>[]).map((row) => ({
    tenantId: row.tenant_id,
    consumer: row.consumer,
    ready: row.ready,
    retryAt: row.retry_at,
  }))
}

/** Every tenant: what the polling strategy walks, pending work or not. */
export async function everyTenantId(): Promise<string[]> {
  const { rows } = await db.rawQuery('select id from app_list_tenants()')
  return (rows as { id: string }[]).map((row) => row.id)
}
