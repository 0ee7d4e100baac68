import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import { makeTenant } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { appendEvent } from '#events/outbox'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import { makeEventWorker } from '#events/make_worker'
import { EventWorker, type WorkerOptions } from '#events/worker'
import { pendingDeliveries } from '#events/pending'
import type { DomainEvent, EventConsumer } from '#events/types'

/** A worker delivering only to the test's own consumers (none left in the app's registry). */
function workerFor(consumers: EventConsumer[], options: WorkerOptions = {}) {
  return new EventWorker({ consumers: () => consumers }, logger, options)
}

/**
 * Pending deliveries once none is held back: transaction ids are cluster-wide, so
 * a transaction running in another database of the same server delays readiness too.
 */
async function untilReady(consumers: string[]) {
  const deadline = Date.now() + 10_000
  for (;;) {
    const pending = await pendingDeliveries(consumers)
    if (pending.every((row) => row.ready) || Date.now() > deadline) return pending
    await sleep(20)
  }
}

/** Runs rounds until `count` events were handled (readiness can lag, see untilReady). */
async function deliver(worker: EventWorker, count: number) {
  const deadline = Date.now() + 10_000
  let handled = 0
  while (handled < count && Date.now() < deadline) {
    handled += await worker.runOnce()
    if (handled < count) await sleep(20)
  }
  return handled
}

function appendStep(tenantId: string, type: string, steps: number[]) {
  return withTenant(tenantId, async (trx) => {
    for (const step of steps) {
      await appendEvent(trx, {
        tenantId,
        type,
        aggregateType: 'project',
        aggregateId: tenantId,
        payload: { step },
      })
    }
  })
}

async function loggedEventIds(tenantId: string) {
  return withTenant(tenantId, async (trx) => {
    const rows = await trx.from('sample_project_log').select('event_id').orderBy('event_id')
    return rows.map((row) => Number(row.event_id))
  })
}

async function createdProjectEventIds(tenantId: string) {
  return withTenant(tenantId, async (trx) => {
    const rows = await trx
      .from('domain_events')
      .where('type', 'project.created')
      .select('id')
      .orderBy('id')
    return rows.map((row) => Number(row.id))
  })
}

test.group('Domain events', () => {
  test('a write and its event commit together, or neither does', async ({ assert }) => {
    const { tenant } = await makeTenant('outbox')
    await assert.rejects(() =>
      withTenant(tenant.id, async (trx) => {
        await trx.table('programs').insert({ tenant_id: tenant.id, name: 'Lost', slug: 'lost' })
        await appendEvent(trx, {
          tenantId: tenant.id,
          type: 'program.created',
          aggregateType: 'program',
          aggregateId: tenant.id,
        })
        throw new Error('the request failed after writing')
      })
    )
    await withTenant(tenant.id, async (trx) => {
      assert.lengthOf(await trx.from('programs').where('slug', 'lost'), 0)
      assert.lengthOf(await trx.from('domain_events').where('type', 'program.created'), 0)
    })
  })

  test('a consumer killed mid-batch loses nothing and applies nothing twice', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('killed')
    // Bring every cursor up to date so the child only has this test's events to deliver.
    const catchUp = await makeEventWorker()
    await catchUp.runUntilIdle()

    const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'P' })
    for (let index = 0; index < 12; index++) {
      await client
        .post('/api/v1/projects')
        .bearerToken(token)
        .json({ programId: program.body().data.id, name: `Project ${index}` })
    }
    const expected = await createdProjectEventIds(tenant.id)
    assert.lengthOf(expected, 12)

    const child = spawn(process.execPath, ['ace', 'events:work', '--interval', '50'], {
      cwd: app.appRoot.pathname,
      env: { ...process.env, NODE_ENV: 'test', SAMPLE_CONSUMER_DELAY_MS: '150' },
      stdio: 'ignore',
    })
    const deadline = Date.now() + 45_000
    let logged = await loggedEventIds(tenant.id)
    while (logged.length < 3 && Date.now() < deadline) {
      await sleep(50)
      logged = await loggedEventIds(tenant.id)
    }
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))

    const beforeRestart = await loggedEventIds(tenant.id)
    assert.isAtLeast(beforeRestart.length, 3)
    assert.isBelow(beforeRestart.length, 12, 'the worker was not stopped mid-batch')

    const restarted = await makeEventWorker()
    await restarted.runUntilIdle()
    assert.deepEqual(await loggedEventIds(tenant.id), expected)
  }).timeout(90_000)

  test('delivery follows commit order per aggregate and retries a failing consumer', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('retry')
    const seen: number[] = []
    let failuresLeft = 2
    const name = `test.flaky-${tenant.id}`
    const consumers: EventConsumer[] = []
    consumers.push({
      name,
      events: ['test.step'],
      async handle(event: DomainEvent) {
        if (event.tenantId !== tenant.id) return
        if (event.payload.step === 2 && failuresLeft-- > 0) throw new Error('transient failure')
        seen.push(event.payload.step as number)
      },
    })

    await withTenant(tenant.id, async (trx) => {
      for (const step of [1, 2, 3]) {
        await appendEvent(trx, {
          tenantId: tenant.id,
          type: 'test.step',
          aggregateType: 'project',
          aggregateId: tenant.id,
          payload: { step },
        })
      }
    })

    const worker = workerFor(consumers, { retryBaseMs: 60_000 })
    const cursor = () =>
      withTenant(tenant.id, (trx) =>
        trx.from('event_consumer_cursors').where('consumer', name).first()
      )
    // The retry delay has passed.
    const elapse = () =>
      withTenant(tenant.id, (trx) =>
        trx
          .from('event_consumer_cursors')
          .where('consumer', name)
          .update({ retry_at: new Date(0) })
      )

    await worker.runUntilIdle()
    assert.deepEqual(seen, [1], 'step 3 must wait behind the failing step 2')
    const afterFirstFailure = await cursor()
    assert.equal(afterFirstFailure.attempts, 1)
    assert.equal(afterFirstFailure.last_error, 'transient failure')
    assert.isAbove(afterFirstFailure.retry_at.getTime(), Date.now() + 50_000)

    await worker.runUntilIdle()
    assert.deepEqual(seen, [1], 'nothing is retried before its delay')

    await elapse()
    await worker.runUntilIdle()
    const afterSecondFailure = await cursor()
    assert.equal(afterSecondFailure.attempts, 2)
    assert.isAbove(afterSecondFailure.retry_at.getTime(), Date.now() + 110_000, 'backoff doubles')

    await elapse()
    await worker.runUntilIdle()
    assert.deepEqual(seen, [1, 2, 3])
  })

  test('an event that keeps failing goes to the dead letters and delivery moves on', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('dead')
    const seen: number[] = []
    const name = `test.poison-${tenant.id}`
    const consumers: EventConsumer[] = []
    consumers.push({
      name,
      events: ['test.poison'],
      async handle(event: DomainEvent) {
        if (event.tenantId !== tenant.id) return
        if (event.payload.step === 1) throw new Error('cannot handle this one')
        seen.push(event.payload.step as number)
      },
    })
    await withTenant(tenant.id, async (trx) => {
      for (const step of [1, 2]) {
        await appendEvent(trx, {
          tenantId: tenant.id,
          type: 'test.poison',
          aggregateType: 'project',
          aggregateId: tenant.id,
          payload: { step },
        })
      }
    })
    const worker = workerFor(consumers, { retryBaseMs: 1, maxAttempts: 3 })
    for (let round = 0; round < 20 && seen.length < 1; round++) {
      await sleep(10)
      await worker.runUntilIdle()
    }
    assert.deepEqual(seen, [2])
    const deadLetters = await withTenant(tenant.id, (trx) =>
      trx.from('event_dead_letters').where('consumer', name)
    )
    assert.lengthOf(deadLetters, 1)
    assert.equal(deadLetters[0].attempts, 3)
  })
  test('only tenants with pending events are listed, per consumer, and only the runtime role may ask', async ({
    assert,
  }) => {
    const quiet = await makeTenant('quiet')
    const busy = await makeTenant('busy')
    const seen: string[] = []
    const consumer: EventConsumer = {
      name: `test.pending-${busy.tenant.id}`,
      events: ['test.pending'],
      async handle(event) {
        seen.push(event.tenantId)
      },
    }
    const worker = workerFor([consumer])
    await worker.runUntilIdle()
    assert.deepEqual(await pendingDeliveries([consumer.name]), [], 'caught up: nothing listed')

    await appendStep(busy.tenant.id, 'test.pending', [1, 2])
    const pending = await untilReady([consumer.name])
    assert.deepEqual(
      pending.map((row) => [row.tenantId, row.consumer, row.ready, row.retryAt]),
      [[busy.tenant.id, consumer.name, true, null]]
    )
    // A consumer with no cursor yet has every tenant's whole history pending, the quiet one's too.
    const fresh = await pendingDeliveries([`test.fresh-${busy.tenant.id}`])
    assert.includeMembers(
      fresh.map((row) => row.tenantId),
      [quiet.tenant.id, busy.tenant.id]
    )

    assert.equal(await deliver(worker, 2), 2)
    assert.deepEqual(seen, [busy.tenant.id, busy.tenant.id])
    assert.deepEqual(await pendingDeliveries([consumer.name]), [])

    // The function reads across tenants: nobody but the runtime role may call it.
    const { rows } = await db.rawQuery(
      `select p.proacl::text as acl, p.prosecdef, current_user as runtime
         from pg_proc p where p.proname = 'app_pending_event_deliveries'`
    )
    assert.isTrue(rows[0].prosecdef)
    assert.notMatch(rows[0].acl, /[{,]=X/, 'PUBLIC may execute it')
    assert.include(rows[0].acl, `${rows[0].runtime}=X`)
  })

  test('an event held back by an older running transaction is reported as not ready', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('heldback')
    const consumer: EventConsumer = {
      name: `test.heldback-${tenant.id}`,
      events: '*',
      async handle() {},
    }
    const worker = workerFor([consumer])
    await worker.runUntilIdle()
    // An older transaction that is still open (it has an xid) holds the snapshot's xmin back.
    const older = await db.transaction()
    try {
      await older.rawQuery('select pg_current_xact_id()')
      await appendStep(tenant.id, 'test.heldback', [1])
      const outcome = await worker.round()
      assert.equal(outcome.handled, 0, 'delivered past a transaction that may still commit events')
      assert.isTrue(outcome.waiting)
    } finally {
      await older.rollback()
    }
    assert.equal(await deliver(worker, 1), 1)
    const after = await worker.round()
    assert.equal(after.handled, 0)
    assert.isFalse(after.waiting)
  })

  test('a commit that writes events wakes a listening worker at once', async ({ assert }) => {
    const { tenant } = await makeTenant('wake')
    const delivered: { step: number; at: number }[] = []
    const consumer: EventConsumer = {
      name: `test.wake-${tenant.id}`,
      events: ['test.wake'],
      async handle(event) {
        if (event.tenantId === tenant.id) {
          delivered.push({ step: event.payload.step as number, at: Date.now() })
        }
      },
    }
    const worker = workerFor([consumer])
    await worker.runUntilIdle()
    // A safety poll far beyond the test: only the notification can deliver in time.
    worker.start({ intervalMs: 600_000 })
    try {
      await sleep(300)
      const committed = Date.now()
      await appendStep(tenant.id, 'test.wake', [1, 2])
      const deadline = Date.now() + 5_000
      while (delivered.length < 2 && Date.now() < deadline) await sleep(10)
      assert.deepEqual(
        delivered.map((row) => row.step),
        [1, 2]
      )
      // Far sooner than the safety poll; not instant when another database's transaction runs long.
      assert.isBelow(delivered[1].at - committed, 4_000)
    } finally {
      await worker.stop()
    }
  })
  test('a worker whose LISTEN connection drops reconnects and is woken again', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('relisten')
    const delivered: number[] = []
    const consumer: EventConsumer = {
      name: `test.relisten-${tenant.id}`,
      events: ['test.relisten'],
      async handle(event) {
        if (event.tenantId === tenant.id) delivered.push(event.payload.step as number)
      },
    }
    const worker = workerFor([consumer])
    await worker.runUntilIdle()
    worker.start({ intervalMs: 600_000 })
    const listeners = async () => {
      const { rows } = await db.rawQuery(
        `select pid from pg_stat_activity
          where datname = current_database() and query = 'listen domain_events'`
      )
      return rows.map((row: { pid: number }) => row.pid)
    }
    try {
      let before: number[] = []
      for (let tries = 0; tries < 100 && before.length === 0; tries++) {
        await sleep(20)
        before = await listeners()
      }
      assert.lengthOf(before, 1, 'the worker is not listening')
      await db.rawQuery('select pg_terminate_backend(?)', [before[0]])
      let after: number[] = []
      for (let tries = 0; tries < 200; tries++) {
        await sleep(25)
        after = await listeners()
        if (after.length === 1 && after[0] !== before[0]) break
      }
      assert.lengthOf(after, 1, 'the worker did not listen again')
      assert.notEqual(after[0], before[0])

      await appendStep(tenant.id, 'test.relisten', [1])
      const deadline = Date.now() + 5_000
      while (delivered.length < 1 && Date.now() < deadline) await sleep(10)
      assert.deepEqual(delivered, [1])
    } finally {
      await worker.stop()
    }
  })
})
