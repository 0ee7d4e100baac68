import { test } from '@japa/runner'
import { withTenant } from '#tenancy/with_tenant'
import { RedisGenerationBus } from '#plugins/threads/services/generation_bus'
import { sweepInterruptedGenerations } from '#plugins/threads/services/generation_sweeper'
import { askIn, makeChatWorld, serverUrl, settled, type ChatWorld } from './chat_world.js'
import { openStream } from './sse_reader.js'

const ended = (events: { event: string }[]) => events.some((e) => e.event === 'end')

async function messageRow(world: ChatWorld, id: string) {
  return withTenant(world.tenantId, (trx) => trx.from('messages').where('id', id).first())
}

test.group('Generations: streaming that survives the network', (group) => {
  let worlds: ChatWorld[] = []
  group.each.teardown(async () => {
    for (const world of worlds) world.vendor.release()
    await settled()
    await Promise.all(worlds.map((world) => world.vendor.close()))
    worlds = []
  })

  test('the browser leaving mid-answer does not stop it; a reload replays the text so far and follows live', async ({
    assert,
    client,
  }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    world.vendor.reply({ chunks: ['One, ', 'two, ', 'three.'], hold: 1 })
    const { answer, streamUrl } = await askIn(client, world, 'Count')
    await world.vendor.waitForHold()

    const first = await openStream(serverUrl(streamUrl), world.token)
    assert.equal(first.response.headers.get('content-type'), 'text/event-stream; charset=utf-8')
    await first.until((events) => events.length >= 1)
    assert.equal(first.text(), 'One, ')
    first.close()

    // Reload: a new reader gets the text so far at once, then the rest live.
    const reload = await openStream(serverUrl(streamUrl), world.token)
    await reload.until((events) => events.length >= 1)
    assert.equal(reload.text(), 'One, ')
    assert.equal((await messageRow(world, answer.id)).status, 'streaming')
    world.vendor.release()
    const events = await reload.until(ended)
    assert.equal(reload.text(), 'One, two, three.')
    assert.deepEqual(events.at(-1)!.data, { status: 'complete', error: null })
    assert.equal(world.vendor.aborted, 0)
    await settled()
    assert.equal((await messageRow(world, answer.id)).content, 'One, two, three.')

    // Resuming after the last event seen sends only what came after it.
    const resumed = await openStream(serverUrl(streamUrl), world.token, events[0].id!)
    await resumed.until(ended)
    assert.equal(resumed.text(), 'two, three.')

    // Once ended, a stream answers the whole message and its end.
    const late = await openStream(serverUrl(streamUrl), world.token)
    await late.until(ended)
    assert.equal(late.text(), 'One, two, three.')
  })

  test('abort stops the vendor call and keeps the partial answer, marked stopped', async ({
    assert,
    client,
  }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    world.vendor.reply({ chunks: ['Partial ', 'never sent'], hold: 1 })
    const { answer, streamUrl } = await askIn(client, world, 'Go')
    await world.vendor.waitForHold()
    const reader = await openStream(serverUrl(streamUrl), world.token)
    await reader.until((events) => events.length >= 1)

    const stop = await client
      .post(`/api/v1/threads/messages/${answer.id}/abort`)
      .bearerToken(world.token)
    stop.assertStatus(202)
    await world.vendor.waitForAbort()
    const events = await reader.until(ended)
    assert.equal(events.at(-1)!.data.status, 'stopped')
    await settled()

    const row = await messageRow(world, answer.id)
    assert.equal(row.status, 'stopped')
    assert.equal(row.content, 'Partial ')
    assert.isAbove(row.tokens_input, 0)
    assert.isTrue(row.metadata.usageEstimated)

    const again = await client
      .post(`/api/v1/threads/messages/${answer.id}/abort`)
      .bearerToken(world.token)
    again.assertStatus(409)
  })

  test('vendor errors end the answer as failed with a plain message and no partial text', async ({
    assert,
    client,
  }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    const cases = [
      { reply: { error: { status: 401 } }, kind: 'auth' },
      { reply: { error: { status: 429 } }, kind: 'rate_limit' },
      { reply: { error: { status: 503 } }, kind: 'overloaded' },
      { reply: { error: { status: 400, code: 'context_length_exceeded' } }, kind: 'context_length' },
      { reply: { chunks: ['Half ', 'an answer'], error: { afterChunks: 1, status: 500 } }, kind: null },
    ]
    for (const { reply, kind } of cases) {
      world.vendor.reply(reply as any)
      const { answer } = await askIn(client, world, `Case ${kind}`)
      await settled()
      const row = await messageRow(world, answer.id)
      assert.equal(row.status, 'failed', JSON.stringify(reply))
      assert.equal(row.content, '')
      assert.isString(row.error.message)
      assert.isAbove(row.error.message.length, 10)
      if (kind) assert.equal(row.error.kind, kind)
    }
  })

  test('an unreachable vendor is a network error', async ({ assert, client }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    await world.vendor.close()
    const { answer } = await askIn(client, world, 'Anyone there?')
    await settled()
    const row = await messageRow(world, answer.id)
    assert.equal(row.status, 'failed')
    assert.equal(row.error.kind, 'network')
  })

  test('a member has at most the allowed number of answers being written at once', async ({
    assert,
    client,
  }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    for (let index = 0; index < 3; index++) {
      world.vendor.reply({ hold: 1 })
      await askIn(client, world, `Held ${index}`, { parentId: null })
    }
    await world.vendor.waitForHold(3)
    const refused = await client
      .post(`/api/v1/threads/${world.threadId}/messages`)
      .bearerToken(world.token)
      .json({ content: 'One more', parentId: null })
    refused.assertStatus(429)
    assert.include(refused.body().errors[0].message, 'limit is 3')
    world.vendor.release()
    await settled()
    await askIn(client, world, 'Now it fits', { parentId: null })
  })

  test('an answer whose instance died is ended as failed by the sweep', async ({ assert, client }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    const id = await withTenant(world.tenantId, async (trx) => {
      const [row] = await trx
        .table('messages')
        .insert({
          tenant_id: world.tenantId,
          thread_id: world.threadId,
          role: 'assistant',
          status: 'streaming',
          created_at: trx.raw(`now() - interval '5 minutes'`),
        })
        .returning('id')
      return row.id as string
    })
    assert.isAtLeast(await sweepInterruptedGenerations(), 1)
    const row = await messageRow(world, id)
    assert.equal(row.status, 'failed')
    assert.equal(row.error.kind, 'interrupted')
  })

  test('two instances share a generation through Redis: one writes, the other replays and follows', async ({
    assert,
  }) => {
    const options = { host: process.env.REDIS_HOST ?? '127.0.0.1', port: Number(process.env.REDIS_PORT ?? 6379) }
    const writer = new RedisGenerationBus(options)
    const reader = new RedisGenerationBus(options)
    await reader.ready()
    const id = crypto.randomUUID()
    try {
      await writer.append(id, [{ type: 'delta', text: 'Hello ' }])
      const replay = await reader.read(id, null)
      assert.deepEqual(replay.map((stored) => stored.event), [{ type: 'delta', text: 'Hello ' }])

      const woken = new Promise<void>((resolve) => reader.watch(id, resolve))
      await writer.append(id, [{ type: 'end', status: 'complete', error: null }])
      await woken
      const rest = await reader.read(id, replay[0].id)
      assert.deepEqual(rest.map((stored) => stored.event.type), ['end'])

      const aborted = new Promise<string>((resolve) => writer.onAbort(resolve))
      await writer.ready()
      await reader.requestAbort(id)
      assert.equal(await aborted, id)
    } finally {
      await writer.close()
      await reader.close()
    }
  })
})
