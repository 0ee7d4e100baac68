import type { TenantTransaction } from '#tenancy/with_tenant'

export interface NewDomainEvent {
  tenantId: string
  type: string
  aggregateType: string
  aggregateId: string
  payload?: Record<string, unknown>
  actorId?: string | null
}

/**
 * Appends an event to the outbox in the writer's transaction: the change and the
 * event that describes it commit together or not at all.
 */
export async function appendEvent(trx: TenantTransaction, event: NewDomainEvent) {
  await trx.table('domain_events').insert({
    tenant_id: event.tenantId,
    type: event.type,
    aggregate_type: event.aggregateType,
    aggregate_id: event.aggregateId,
    payload: JSON.stringify(event.payload ?? {}),
    actor_id: event.actorId ?? null,
  })
}
