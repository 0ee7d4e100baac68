import type { Logger } from '@adonisjs/core/logger'
import { withTenant, withSavepoint, type TenantTransaction } from '#tenancy/with_tenant'
import { everyTenantId, pendingDeliveries } from './pending.js'
import { DeliveryLoop, type LoopOptions } from './delivery_loop.js'
import type { DomainEvent, EventConsumer } from './types.js'

export interface WorkerOptions {
  /** Events one consumer takes per tenant per round, so no tenant starves the others. */
  batchSize?: number
  /** Failed attempts before an event goes to event_dead_letters and the cursor moves on. */
  maxAttempts?: number
  /** First retry delay; doubles with each attempt, capped at 10 minutes. */
  retryBaseMs?: number
  /** Tells whether a plugin is enabled for a tenant (consumers of disabled plugins skip). */
  isPluginEnabled?: (trx: TenantTransaction, plugin: string) => Promise<boolean>
}

/** Where the worker finds its consumers (the plugin registry, or a test's own list). */
export interface ConsumerSource {
  consumers(): EventConsumer[]
}

/** What a round found beyond what it delivered: when to look again. */
export interface RoundOutcome {
  handled: number
  /** Events are pending behind a transaction still running: look again shortly. */
  waiting: boolean
  /** The earliest moment a backing-off cursor may be retried. */
  nextRetryAt: Date | null
}

interface CursorRow {
  last_transaction_id: string
  last_event_id: string
  attempts: number
  retry_at: Date | null
}

type Step = 'applied' | 'skipped' | 'idle' | 'failed'

/**
 * Delivers outbox events to consumers: at least once, in commit order per
 * tenant (so in order per aggregate), each consumer with its own cursor per
 * tenant. A consumer's effects and its cursor advance commit in one
 * transaction, so a worker killed mid-batch redoes nothing it committed.
 *
 * A round asks PostgreSQL which tenants have events pending for which
 * consumer and opens transactions only there; `start()` runs rounds when
 * LISTEN/NOTIFY says events were committed (see DeliveryLoop). The former
 * design, a round over every tenant × consumer on a timer, stays available as
 * `pollOnce()` / `start({ strategy: 'poll' })`: the benchmark's baseline.
 */
export class EventWorker {
  #loop?: DeliveryLoop
  #stopped = false

  constructor(
    private registry: ConsumerSource,
    private logger: Logger,
    private options: WorkerOptions = {}
  ) {}

  /** One round over the (tenant, consumer) pairs with pending events. */
  async runOnce(): Promise<number> {
    const outcome = await this.round()
    return outcome.handled
  }

  async round(): Promise<RoundOutcome> {
    const outcome: RoundOutcome = { handled: 0, waiting: false, nextRetryAt: null }
    const consumers = new Map(
      this.registry.consumers().map((consumer) => [consumer.name, consumer])
    )
    const now = Date.now()
    for (const pending of await pendingDeliveries([...consumers.keys()])) {
      const consumer = consumers.get(pending.consumer)
      if (!consumer || this.#stopped) continue
      if (pending.retryAt && pending.retryAt.getTime() > now) {
        if (!outcome.nextRetryAt || pending.retryAt < outcome.nextRetryAt) {
          outcome.nextRetryAt = pending.retryAt
        }
        continue
      }
      if (!pending.ready) {
        outcome.waiting = true
        continue
      }
      outcome.handled += await this.#drain(pending.tenantId, consumer)
    }
    return outcome
  }

  /** The former design: one round over every tenant × consumer, pending or not. */
  async pollOnce(): Promise<number> {
    const consumers = this.registry.consumers()
    if (consumers.length === 0) return 0
    let handled = 0
    for (const tenantId of await everyTenantId()) {
      for (const consumer of consumers) handled += await this.#drain(tenantId, consumer)
    }
    return handled
  }

  /** Rounds until nothing is left to deliver now; returns how many events were handled. */
  async runUntilIdle(maxRounds = 1000) {
    let total = 0
    for (let round = 0; round < maxRounds; round++) {
      const handled = await this.runOnce()
      total += handled
      if (handled === 0) break
    }
    return total
  }

  /**
   * Delivers one tenant's pending events to every consumer, touching no other
   * tenant (a job working for one tenant uses it). Safe beside a running
   * worker: each cursor is taken with FOR UPDATE SKIP LOCKED.
   */
  async runForTenant(tenantId: string, maxRounds = 1000) {
    let total = 0
    for (let round = 0; round < maxRounds; round++) {
      let handled = 0
      for (const consumer of this.registry.consumers()) {
        handled += await this.#drain(tenantId, consumer)
      }
      total += handled
      if (handled === 0) break
    }
    return total
  }

  /**
   * Delivers in the background until stop(): woken by LISTEN/NOTIFY with a
   * slow safety poll (the default), or polling every tenant on a timer.
   */
  start(options: LoopOptions = {}) {
    this.#stopped = false
    this.#loop = new DeliveryLoop(this, this.logger, options)
    this.#loop.start()
  }

  async stop() {
    this.#stopped = true
    await this.#loop?.stop()
  }

  async #drain(tenantId: string, consumer: EventConsumer) {
    const batchSize = this.options.batchSize ?? 100
    let handled = 0
    while (handled < batchSize && !this.#stopped) {
      const step = await withTenant(tenantId, (trx) => this.#step(trx, tenantId, consumer))
      if (step === 'idle' || step === 'failed') break
      handled++
    }
    return handled
  }

  /** Takes the next event for one consumer in one tenant, in its own transaction. */
  async #step(trx: TenantTransaction, tenantId: string, consumer: EventConsumer): Promise<Step> {
    await trx.rawQuery(
      `insert into event_consumer_cursors (tenant_id, consumer) values (?, ?) on conflict do nothing`,
      [tenantId, consumer.name]
    )
    // Another worker holding this cursor is already delivering it.
    const cursor = (await trx
      .from('event_consumer_cursors')
      .where('consumer', consumer.name)
      .forUpdate()
      .skipLocked()
      .first()) as CursorRow | null
    if (!cursor) return 'idle'
    if (cursor.retry_at && cursor.retry_at > new Date()) return 'idle'

    // Only events of transactions older than every running one: none can commit behind the cursor.
    const { rows } = await trx.rawQuery(
      `select * from domain_events
        where (transaction_id, id) > (?::xid8, ?::bigint)
          and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        order by transaction_id, id
        limit 1`,
      [cursor.last_transaction_id, cursor.last_event_id]
    )
    const row = rows[0]
    if (!row) return 'idle'
    const event = eventFromRow(row)

    let step: Step = 'skipped'
    if (await this.#wants(trx, consumer, event)) {
      try {
        await withSavepoint(trx, (savepoint) =>
          consumer.handle(event, { tenantId, trx: savepoint })
        )
        step = 'applied'
      } catch (error) {
        return this.#recordFailure(trx, consumer, cursor, row, error as Error)
      }
    }
    await trx.from('event_consumer_cursors').where('consumer', consumer.name).update({
      last_transaction_id: row.transaction_id,
      last_event_id: row.id,
      attempts: 0,
      retry_at: null,
      last_error: null,
      updated_at: new Date(),
    })
    return step
  }

  async #wants(trx: TenantTransaction, consumer: EventConsumer, event: DomainEvent) {
    if (consumer.events !== '*' && !consumer.events.includes(event.type)) return false
    if (consumer.plugin && this.options.isPluginEnabled) {
      return this.options.isPluginEnabled(trx, consumer.plugin)
    }
    return true
  }

  async #recordFailure(
    trx: TenantTransaction,
    consumer: EventConsumer,
    cursor: CursorRow,
    row: Record<string, any>,
    error: Error
  ): Promise<Step> {
    const attempts = cursor.attempts + 1
    const maxAttempts = this.options.maxAttempts ?? 8
    this.logger.warn(
      { consumer: consumer.name, eventId: row.id, attempts, err: error },
      'event consumer failed'
    )
    const cursorUpdate = trx.from('event_consumer_cursors').where('consumer', consumer.name)
    if (attempts >= maxAttempts) {
      await trx.table('event_dead_letters').insert({
        tenant_id: row.tenant_id,
        consumer: consumer.name,
        event_id: row.id,
        error: error.message,
        attempts,
      })
      await cursorUpdate.update({
        last_transaction_id: row.transaction_id,
        last_event_id: row.id,
        attempts: 0,
        retry_at: null,
        last_error: error.message,
        updated_at: new Date(),
      })
      return 'skipped'
    }
    const delay = Math.min((this.options.retryBaseMs ?? 1000) * 2 ** (attempts - 1), 600_000)
    await cursorUpdate.update({
      attempts,
      retry_at: new Date(Date.now() + delay),
      last_error: error.message,
      updated_at: new Date(),
    })
    return 'failed'
  }
}

function eventFromRow(row: Record<string, any>): DomainEvent {
  return {
    id: Number(row.id),
    tenantId: row.tenant_id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payload: row.payload,
    actorId: row.actor_id,
    occurredAt: row.occurred_at,
  }
}
