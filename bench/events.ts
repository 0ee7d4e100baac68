/*
| Event delivery benchmark: 1,000 tenants (× --scale), of which 10 write
| events; two consumers, each with a cursor in every tenant. For each strategy, in the same run: delivery latency
| (commit → consumer) p50/p99 under a steady trickle of events, and the
| database load of an idle worker (statements and transactions per second).
| - notify: the worker as it ships (LISTEN/NOTIFY, pending-deliveries function);
| - poll: the former design, a round over every tenant × consumer each second.
*/
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { withTenant } from '#tenancy/with_tenant'
import { appendEvent } from '#events/outbox'
import { EventWorker } from '#events/worker'
import type { LoopOptions } from '#events/delivery_loop'
import type { EventConsumer } from '#events/types'
import { table } from './support.js'

const TENANTS = 1000
const ACTIVE = 10
const CONSUMERS = 2
/** Events per second the active tenants write, together, while latency is measured. */
const RATE = 10
const LATENCY_SECONDS = 15
const IDLE_SECONDS = 30
const SETTLE_SECONDS = 12

interface Figures {
  strategy: string
  p50: number
  p99: number
  delivered: number
  idleStatements: number
  idleTransactions: number
  busyStatements: number
}

/** Statements the app's pool sends (each BEGIN, query and COMMIT counts one). */
function statementCounter() {
  let count = 0
  const knex = db.connection().getWriteClient()
  knex.on('query', () => count++)
  return () => count
}

async function committedTransactions() {
  const { rows } = await db.rawQuery(
    'select xact_commit + xact_rollback as total from pg_stat_database where datname = current_database()'
  )
  return Number(rows[0].total)
}

async function createTenants(count: number) {
  const ids: string[] = []
  for (let start = 0; start < count; start += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - start) }, async (_, offset) => {
        const id = randomUUID()
        const index = start + offset
        await withTenant(id, (trx) =>
          trx.table('tenants').insert({ id, name: `Tenant ${index}`, slug: `bench-${index}` })
        )
        ids[index] = id
      })
    )
  }
  return ids
}

async function measure(
  strategy: 'notify' | 'poll',
  active: string[],
  statements: () => number,
  log: (line: string) => void
): Promise<Figures> {
  const latencies: number[] = []
  const consumers: EventConsumer[] = Array.from({ length: CONSUMERS }, (_, index) => ({
    name: `bench.${strategy}.${index}`,
    events: '*',
    async handle(event) {
      if (event.payload.strategy === strategy) {
        latencies.push(Date.now() - Number(event.payload.sentAt))
      }
    },
  }))
  const worker = new EventWorker({ consumers: () => consumers }, logger, { batchSize: 1000 })
  const options: LoopOptions =
    strategy === 'poll' ? { strategy: 'poll', intervalMs: 1000 } : { strategy: 'notify' }

  // Gives the new consumers a cursor in every tenant, past the other strategy's events.
  const caughtUp = performance.now()
  while ((await worker.pollOnce()) > 0);
  log(`${strategy}: cursors caught up in ${((performance.now() - caughtUp) / 1000).toFixed(1)} s`)
  worker.start(options)
  // PostgreSQL publishes an idle session's transaction counts up to 10 s late: let them settle.
  await sleep(SETTLE_SECONDS * 1000)

  const idleStart = { statements: statements(), transactions: await committedTransactions() }
  await sleep(IDLE_SECONDS * 1000)
  const idleStatements = (statements() - idleStart.statements) / IDLE_SECONDS
  // Minus this measurement's own two transactions.
  const idleTransactions = (await committedTransactions()) - idleStart.transactions - 2
  log(`${strategy}: idle measured`)

  const busyStart = statements()
  const events = Math.round(RATE * LATENCY_SECONDS)
  const writes = performance.now()
  for (let index = 0; index < events; index++) {
    const tenantId = active[index % active.length]
    await withTenant(tenantId, (trx) =>
      appendEvent(trx, {
        tenantId,
        type: 'bench.ping',
        aggregateType: 'tenant',
        aggregateId: tenantId,
        payload: { strategy, sentAt: Date.now() },
      })
    )
    const due = writes + ((index + 1) * 1000) / RATE
    await sleep(Math.max(0, due - performance.now()))
  }
  const deadline = Date.now() + 60_000
  while (latencies.length < events * CONSUMERS && Date.now() < deadline) await sleep(20)
  const busySeconds = (performance.now() - writes) / 1000
  const busyStatements = (statements() - busyStart) / busySeconds
  await worker.stop()

  latencies.sort((a, b) => a - b)
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  return {
    strategy,
    p50: at(0.5),
    p99: at(0.99),
    delivered: latencies.length / (events * CONSUMERS),
    idleStatements,
    idleTransactions: Math.max(0, idleTransactions) / IDLE_SECONDS,
    busyStatements,
  }
}

export default async function eventsBenchmark({
  scale,
  log,
}: {
  scale: number
  log: (line: string) => void
}) {
  const tenantCount = Math.max(ACTIVE, Math.round(TENANTS * scale))
  const started = performance.now()
  const tenants = await createTenants(tenantCount)
  const active = tenants.filter((_, index) => index % Math.floor(tenantCount / ACTIVE) === 0)
  log(
    `${tenantCount} tenants (${active.length} active), ${CONSUMERS} consumers, ` +
      `${RATE} events/s for ${LATENCY_SECONDS} s; created in ${((performance.now() - started) / 1000).toFixed(1)} s`
  )
  const statements = statementCounter()

  const results = [
    await measure('notify', active.slice(0, ACTIVE), statements, log),
    await measure('poll', active.slice(0, ACTIVE), statements, log),
  ]
  log('')
  log(
    table([
      [
        'strategy',
        'latency p50 ms',
        'latency p99 ms',
        'delivered',
        'idle statements/s',
        'idle transactions/s',
        'statements/s while writing',
      ],
      ...results.map((row) => [
        row.strategy === 'notify' ? 'LISTEN/NOTIFY (new)' : 'poll every tenant (baseline)',
        row.p50.toFixed(0),
        row.p99.toFixed(0),
        `${(row.delivered * 100).toFixed(0)}%`,
        row.idleStatements.toFixed(1),
        row.idleTransactions.toFixed(1),
        row.busyStatements.toFixed(0),
      ]),
    ])
  )
}
