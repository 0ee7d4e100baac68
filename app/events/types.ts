import type { TenantTransaction } from '#tenancy/with_tenant'

/** One row of the outbox, as consumers receive it. */
export interface DomainEvent {
  id: number
  tenantId: string
  type: string
  aggregateType: string
  aggregateId: string
  payload: Record<string, unknown>
  actorId: string | null
  occurredAt: Date
}

export interface ConsumerContext {
  tenantId: string
  /** The transaction that also advances this consumer's cursor: effects written here apply exactly once. */
  trx: TenantTransaction
}

export interface EventConsumer {
  /** Unique; names the cursor, so renaming a consumer replays every event. */
  name: string
  /** Event types it handles ('*' for all). Others advance its cursor untouched. */
  events: string[] | '*'
  /** The plugin it belongs to: it is skipped for tenants that disabled that plugin. */
  plugin?: string
  handle(event: DomainEvent, context: ConsumerContext): Promise<void>
}
