import { test } from '@japa/runner'
import { withTenant } from '#tenancy/with_tenant'
import { makeUser, tokenFor } from '#tests/helpers/tenants'
import { addText, ingestAll } from '#plugins/content/tests/functional/helpers'
import { askIn, makeChatWorld, settled, type ChatWorld } from './chat_world.js'

/** `count` common words: about one token each. */
const filler = (count: number, word: string) => Array.from({ length: count }, () => word).join(' ')

// Two sections of about 250 tokens: two chunks (the chunker's default is 300 tokens).
const WING = `# Wings\n\nA wing makes lift because air over its curved top moves faster. ${filler(240, 'air')}\n\n## Flaps\n\nFlaps change the camber of the wing at low speed so the aircraft lands slower. ${filler(240, 'wing')}`
const ENGINE = `# Engines\n\nA turbofan moves a large mass of air slowly. ${filler(30, 'fan')}`
const BIRDS = `# Birds\n\nBirds flap their wings; gliding birds use rising air. ${filler(30, 'bird')}`

async function contentWorld(client: any, options = {}) {
  const world = await makeChatWorld(client, options)
  const wing = await addText(client, world.token, world.projectId, 'Wing notes', WING)
  const engine = await addText(client, world.token, world.projectId, 'Engine notes', ENGINE)
  const birds = await addText(client, world.token, world.projectId, 'Bird notes', BIRDS)
  await ingestAll()
  return { world, wing, engine, birds }
}

async function choose(client: any, world: ChatWorld, body: object) {
  const response = await client.post(`/api/v1/threads/${world.threadId}/context`).bearerToken(world.token).json(body)
  if (response.status() !== 201 && response.status() !== 200) {
    throw new Error(`context: ${response.status()} ${JSON.stringify(response.body())}`)
  }
}

test.group('Context: what the member chooses is what the model gets', (group) => {
  let worlds: ChatWorld[] = []
  group.each.teardown(async () => {
    await settled()
    await Promise.all(worlds.map((world) => world.vendor.close()))
    worlds = []
  })

  test('pinned items, a chosen passage and retrieved passages are sent and recorded part by part', async ({
    client,
    assert,
  }) => {
    const { world, wing, engine } = await contentWorld(client)
    worlds.push(world)
    const passages = await client
      .get('/api/v1/search')
      .qs({ q: 'flaps camber', projectId: world.projectId, group: 'chunk', mode: 'fulltext' })
      .bearerToken(world.token)
    const flaps = passages.body().data.find((hit: any) => hit.itemId === wing)
    assert.exists(flaps, 'the flaps passage is found')
    await choose(client, world, { contentItemId: engine, pinned: true })
    await choose(client, world, { contentItemId: wing, chunkIds: [flaps.chunkId] })

    const { answer } = await askIn(client, world, 'How do gliding birds stay up?')
    await settled()
    const seen = await client.get(`/api/v1/threads/messages/${answer.id}/context`).bearerToken(world.token)
    seen.assertStatus(200)
    const { snapshot, items } = seen.body().data
    const origins = snapshot.parts.map((part: any) => `${part.origin}:${part.title ?? ''}`)
    assert.deepEqual(origins.slice(0, 3), ['system:', 'pinned:Engine notes', 'chosen:Wing notes'])
    assert.include(origins, 'retrieved:Bird notes')
    assert.equal(origins.at(-1), 'user:')
    assert.deepEqual(snapshot.parts[2].chunkIds, [flaps.chunkId])
    assert.include(snapshot.parts[2].text, 'Flaps change the camber')
    assert.notInclude(snapshot.parts[2].text, 'curved top')

    // The per-item record matches the content parts, position for position.
    const contentParts = snapshot.parts
      .map((part: any, position: number) => ({ part, position }))
      .filter(({ part }: any) => part.itemId)
    assert.isAbove(contentParts.length, 2)
    assert.deepEqual(
      items.map((item: any) => [item.position, item.contentItemId, item.chunkIds, item.tokens, item.inclusionMethod]),
      contentParts.map(({ part, position }: any) => [
        position,
        part.itemId,
        part.chunkIds,
        part.tokens,
        part.origin === 'retrieved' ? 'semantic' : 'manual',
      ])
    )
    // And the vendor got exactly the recorded system text.
    const sent = world.vendor.lastRequest('/v1/chat/completions')!.json.messages
    assert.equal(sent[0].content, snapshot.request.system)
    assert.include(sent[0].content, 'Flaps change the camber')
    assert.isAtMost(snapshot.used, snapshot.available)
  })

  test('a tight window drops the lowest relevance first and tells about a pinned item that did not fit', async ({
    client,
    assert,
  }) => {
    const { world, wing, engine, birds } = await contentWorld(client, { contextWindow: 1420, maxOutput: 1000 })
    worlds.push(world)
    await client.patch(`/api/v1/threads/${world.threadId}`).bearerToken(world.token).json({ settings: { retrievedChunks: 0 } })
    await choose(client, world, { contentItemId: wing, pinned: true })
    await choose(client, world, { contentItemId: engine, relevance: 0.9 })
    await choose(client, world, { contentItemId: birds, relevance: 0.1 })

    const preview = await client
      .post(`/api/v1/threads/${world.threadId}/preview`)
      .bearerToken(world.token)
      .json({ content: 'Explain' })
    preview.assertStatus(200)
    const meter = preview.body().data
    assert.equal(meter.window, 1420)
    assert.equal(meter.available, 420)
    assert.isAtMost(meter.used, 420)
    assert.isAbove(meter.byOrigin.system, 0)
    assert.isAbove(meter.cost.max, meter.cost.input)

    const { answer } = await askIn(client, world, 'Explain')
    await settled()
    const seen = await client.get(`/api/v1/threads/messages/${answer.id}/context`).bearerToken(world.token)
    const { snapshot } = seen.body().data
    const kept = snapshot.parts.filter((part: any) => part.itemId).map((part: any) => part.title)
    const dropped = snapshot.dropped.map((part: any) => part.title)
    assert.isAtMost(snapshot.used, snapshot.available)
    // The pinned item is cut to its first passage, and said so; of the two chosen
    // items only one still fits: the more relevant one.
    assert.deepEqual(kept, ['Wing notes', 'Engine notes'])
    assert.deepEqual(dropped, ['Bird notes'])
    assert.lengthOf(snapshot.warnings, 1)
    assert.match(snapshot.warnings[0], /Pinned “Wing notes” was cut to 1 of 2 passages/)
    const shown = await client.get(`/api/v1/threads/${world.threadId}/messages`).bearerToken(world.token)
    assert.deepEqual(shown.body().data[1].warnings, snapshot.warnings)
  })

  test('viewers read the conversation but cannot ask', async ({ client, assert }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    await askIn(client, world, 'Hello')
    await settled()
    const { user } = await makeUser(world.tenantId, 'member', 'Viewer Vera')
    const membership = await client
      .post(`/api/v1/projects/${world.projectId}/members`)
      .bearerToken(world.token)
      .json({ userId: user.id, role: 'viewer' })
    membership.assertStatus(201)
    const viewer = await tokenFor(user)

    const read = await client.get(`/api/v1/threads/${world.threadId}/messages`).bearerToken(viewer)
    read.assertStatus(200)
    assert.lengthOf(read.body().data, 2)
    assert.isFalse(read.body().meta.canPost)
    const before = world.vendor.requestCount
    const post = await client
      .post(`/api/v1/threads/${world.threadId}/messages`)
      .bearerToken(viewer)
      .json({ content: 'Let me in' })
    post.assertStatus(403)
    const regenerate = await client
      .post(`/api/v1/threads/messages/${read.body().data[1].id}/regenerate`)
      .bearerToken(viewer)
    regenerate.assertStatus(403)
    assert.equal(world.vendor.requestCount, before)
    const count = await withTenant(world.tenantId, (trx) =>
      trx.from('messages').where('thread_id', world.threadId).count('* as count')
    )
    assert.equal(Number(count[0].count), 2)
  })

  test('without any enabled model, asking is refused naming the model', async ({ client, assert }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    await client.patch(`/api/v1/threads/models/${world.modelId}`).bearerToken(world.token).json({ enabled: false })
    const response = await client
      .post(`/api/v1/threads/${world.threadId}/messages`)
      .bearerToken(world.token)
      .json({ content: 'Anyone?' })
    response.assertStatus(422)
    assert.equal(response.body().errors[0].field, 'modelId')
    assert.equal(world.vendor.requestCount, 0)
  })

  test('Anthropic: the Messages API gets the system apart and the turns, usage counts cached input', async ({
    client,
    assert,
  }) => {
    const world = await makeChatWorld(client, { provider: 'anthropic' })
    worlds.push(world)
    world.vendor.reply({ chunks: ['Claude ', 'says hi.'], usage: { input: 100, output: 7, cached: 50 } })
    const { answer } = await askIn(client, world, 'Hi Claude')
    await settled()
    const row = await withTenant(world.tenantId, (trx) => trx.from('messages').where('id', answer.id).first())
    assert.equal(row.status, 'complete')
    assert.equal(row.content, 'Claude says hi.')
    assert.equal(row.tokens_input, 150)
    assert.equal(row.tokens_cached, 50)
    const received = world.vendor.lastRequest('/v1/messages')!.json
    const seen = await client.get(`/api/v1/threads/messages/${answer.id}/context`).bearerToken(world.token)
    const { request } = seen.body().data.snapshot
    const system = typeof received.system === 'string' ? received.system : received.system.map((block: any) => block.text).join('')
    assert.equal(system, request.system)
    assert.deepEqual(received.messages.map((m: any) => [m.role, typeof m.content === 'string' ? m.content : m.content[0].text]), [['user', 'Hi Claude']])
  })
})
