import { test } from '@japa/runner'
import { askIn, branch, makeChatWorld, settled, type ChatWorld } from './chat_world.js'

test.group('Conversation: branches', (group) => {
  let worlds: ChatWorld[] = []
  group.each.teardown(async () => {
    await settled()
    await Promise.all(worlds.map((world) => world.vendor.close()))
    worlds = []
  })

  test('regenerate makes a sibling answer; both stay and the switcher walks them', async ({
    client,
    assert,
  }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    world.vendor.reply({ chunks: ['First answer.'] })
    const { question, answer: first } = await askIn(client, world, 'Why?')
    await settled()

    world.vendor.reply({ chunks: ['Second answer.'] })
    const regenerated = await client
      .post(`/api/v1/threads/messages/${first.id}/regenerate`)
      .bearerToken(world.token)
    regenerated.assertStatus(202)
    const second = regenerated.body().data.answer
    await settled()

    const shown = await branch(client, world)
    assert.deepEqual(shown.map((message) => message.content), ['Why?', 'Second answer.'])
    assert.deepEqual(shown[1].siblings, { ids: [first.id, second.id], index: 1 })
    assert.equal(shown[1].parentId, question.id)

    const older = await branch(client, world, first.id)
    assert.deepEqual(older.map((message) => message.content), ['Why?', 'First answer.'])
    assert.equal(older[1].siblings.index, 0)
    // The regenerated request carried the same question and no trace of the first answer.
    const sent = world.vendor.lastRequest('/v1/chat/completions')!.json.messages
    assert.deepEqual(sent.slice(1), [{ role: 'user', content: 'Why?' }])
  })

  test('editing a question and resending branches; the old branch is kept and remembered per member', async ({
    client,
    assert,
  }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    const { answer: a1 } = await askIn(client, world, 'Question one')
    await settled()
    const { question: q2, answer: a2 } = await askIn(client, world, 'Question two')
    await settled()

    world.vendor.reply({ chunks: ['Edited answer.'] })
    const edited = await client
      .post(`/api/v1/threads/messages/${q2.id}/edit`)
      .bearerToken(world.token)
      .json({ content: 'Question two, better' })
    edited.assertStatus(202)
    await settled()

    const shown = await branch(client, world)
    assert.deepEqual(shown.map((message) => message.content), [
      'Question one',
      'This is a fake answer.',
      'Question two, better',
      'Edited answer.',
    ])
    assert.deepEqual(shown[2].siblings, { ids: [q2.id, edited.body().data.question.id], index: 1 })
    // The model saw the first exchange, then the edited question only.
    const sent = world.vendor.lastRequest('/v1/chat/completions')!.json.messages
    assert.deepEqual(
      sent.slice(1).map((message: any) => message.content),
      ['Question one', 'This is a fake answer.', 'Question two, better']
    )

    // Choosing the old branch is remembered: the next plain GET shows it.
    const view = await client
      .put(`/api/v1/threads/${world.threadId}/view`)
      .bearerToken(world.token)
      .json({ leafId: a2.id })
    view.assertStatus(204)
    const remembered = await branch(client, world)
    assert.deepEqual(remembered.map((message) => message.id).slice(-2), [q2.id, a2.id])
    assert.equal(remembered[1].id, a1.id)

    // A question without parentId follows the remembered branch.
    const { question: q3 } = await askIn(client, world, 'Question three')
    await settled()
    const after = await branch(client, world)
    assert.deepEqual(after.slice(-2, -1).map((message) => message.id), [q3.id])
    assert.equal(after[after.length - 3].id, a2.id)
  })

  test('fork from here creates a thread that branches from this one, holding the path so far', async ({
    client,
    assert,
  }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    const { answer: a1 } = await askIn(client, world, 'Start')
    await settled()
    await askIn(client, world, 'Later')
    await settled()

    const forked = await client
      .post(`/api/v1/threads/messages/${a1.id}/fork`)
      .bearerToken(world.token)
    forked.assertStatus(201)
    const fork = forked.body().data
    assert.equal(fork.messages, 2)
    assert.notEqual(fork.id, world.threadId)

    const copied = await client.get(`/api/v1/threads/${fork.id}/messages`).bearerToken(world.token)
    copied.assertStatus(200)
    const messages = copied.body().data
    assert.deepEqual(messages.map((message: any) => message.content), ['Start', 'This is a fake answer.'])
    assert.equal(messages[1].forkedFrom, a1.id)

    const shown = await client.get(`/api/v1/threads/${fork.id}`).bearerToken(world.token)
    shown.assertStatus(200)
    const links = JSON.stringify(shown.body().data)
    assert.include(links, 'branches_from')
    assert.include(links, world.threadId)
    // The original thread is untouched.
    assert.lengthOf(await branch(client, world), 4)
  })

  test('a parent from another thread is refused, naming it', async ({ client, assert }) => {
    const world = await makeChatWorld(client)
    worlds.push(world)
    const other = await client
      .post(`/api/v1/threads/projects/${world.projectId}`)
      .bearerToken(world.token)
      .json({ name: 'Other' })
    const { answer } = await askIn(client, world, 'Here')
    await settled()
    const response = await client
      .post(`/api/v1/threads/${other.body().data.id}/messages`)
      .bearerToken(world.token)
      .json({ content: 'There', parentId: answer.id })
    response.assertStatus(422)
    assert.equal(response.body().errors[0].field, 'parentId')
  })
})
