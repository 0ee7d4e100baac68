import { test } from '@japa/runner'
import { withTenant } from '#tenancy/with_tenant'
import { askIn, branch, makeChatWorld, settled, type ChatWorld } from './chat_world.js'

async function messageRow(world: ChatWorld, id: string) {
  return withTenant(world.tenantId, (trx) => trx.from('messages').where('id', id).first())
}

test.group('Conversation: asking and answering', (group) => {
  let worlds: ChatWorld[] = []
  group.each.teardown(async () => {
    await settled()
    await Promise.all(worlds.map((world) => world.vendor.close()))
    worlds = []
  })

  test('an answer is written in the background, saved with the vendor usage and its cost', async ({
    client,
    assert,
  }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    world.vendor.reply({ chunks: ['Lift ', 'depends on ', 'the wing.'], usage: { input: 1200, output: 30, cached: 200 } })

    const { question, answer, streamUrl } = await askIn(client, world, 'What makes lift?')
    assert.equal(question.role, 'user')
    assert.equal(answer.status, 'streaming')
    assert.equal(streamUrl, `/api/v1/threads/messages/${answer.id}/stream`)
    await settled()

    const row = await messageRow(world, answer.id)
    assert.equal(row.status, 'complete')
    assert.equal(row.content, 'Lift depends on the wing.')
    assert.equal(row.tokens_input, 1200)
    assert.equal(row.tokens_output, 30)
    assert.equal(row.tokens_cached, 200)
    // (1000 × 2 + 200 × 1 + 30 × 8) / 1e6
    assert.closeTo(Number(row.cost), 0.00244, 1e-9)

    const shown = await branch(client, world)
    assert.deepEqual(
      shown.map((message) => [message.role, message.content]),
      [
        ['user', 'What makes lift?'],
        ['assistant', 'Lift depends on the wing.'],
      ]
    )
    assert.equal(shown[1].parentId, question.id)
    assert.deepEqual(shown[1].tokens, { input: 1200, output: 30, cached: 200, total: 1230 })
  })

  test('the request the vendor received is exactly the one on record', async ({ client, assert }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    await askIn(client, world, 'First question')
    await settled()
    const { answer } = await askIn(client, world, 'Second question')
    await settled()

    const received = world.vendor.lastRequest('/v1/chat/completions')!.json
    const seen = await client
      .get(`/api/v1/threads/messages/${answer.id}/context`)
      .bearerToken(world.token)
    seen.assertStatus(200)
    const { request, parts } = seen.body().data.snapshot
    assert.equal(received.model, 'gpt-4o')
    assert.deepEqual(received.messages, [
      { role: 'system', content: request.system },
      ...request.turns.map((turn: any) => ({ role: turn.role, content: turn.content })),
    ])
    assert.deepEqual(
      request.turns.map((turn: any) => turn.content),
      ['First question', 'This is a fake answer.', 'Second question']
    )
    assert.deepEqual(
      parts.map((part: any) => part.origin),
      ['system', 'history', 'history', 'user']
    )
    assert.isTrue(received.stream)
    assert.equal(received.max_tokens ?? received.max_completion_tokens, request.maxOutputTokens)
  })
})
