import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import { makeTenant } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { appendEvent } from '#events/outbox'
import { makeEventWorker } from '#events/make_worker'
import { PluginRegistry } from '#plugins_core/registry'
import type { DomainEvent } from '#events/types'

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
    const registry = await app.container.make(PluginRegistry)
    const seen: number[] = []
    let failuresLeft = 2
    const name = `test.flaky-${tenant.id}`
    registry.subscribe({
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

    const worker = await makeEventWorker({ retryBaseMs: 60_000 })
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
    const registry = await app.container.make(PluginRegistry)
    const seen: number[] = []
    const name = `test.poison-${tenant.id}`
    registry.subscribe({
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
    const worker = await makeEventWorker({ retryBaseMs: 1, maxAttempts: 3 })
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
})
