import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import { llmProviders } from '#plugins/threads/services/extension_points'
import { startFakeOpenAI, type FakeVendor } from '#tests/helpers/fake_openai'
import {
  LlmError,
  type ChatRequest,
  type LlmConnection,
  type StreamEvent,
} from '#plugins/threads/services/llm_contract'
import { openaiProvider } from '#plugins/llm-openai/services/openai_provider'

const request: ChatRequest = {
  model: 'gpt-4o',
  system: 'Answer from the handbook.',
  turns: [
    { role: 'user', content: 'What is the leave policy?' },
    { role: 'assistant', content: 'Which country?' },
    { role: 'user', content: 'France.' },
  ],
  maxOutputTokens: 512,
}

async function collect(
  connection: LlmConnection,
  chat: ChatRequest = request,
  signal = new AbortController().signal
) {
  const events: StreamEvent[] = []
  for await (const event of openaiProvider.stream!(connection, chat, signal)) events.push(event)
  return events
}

/** The LlmError a stream ends with (the test fails when it ends without one). */
async function failure(connection: LlmConnection, chat: ChatRequest = request) {
  try {
    await collect(connection, chat)
  } catch (error) {
    if (error instanceof LlmError) return error
    throw error
  }
  throw new Error('the stream ended without an error')
}

const textOf = (events: StreamEvent[]) =>
  events.map((event) => (event.type === 'delta' ? event.text : '')).join('')

test.group('OpenAI-compatible provider: streaming', (group) => {
  let vendor: FakeVendor
  let connection: LlmConnection
  group.each.setup(async () => {
    vendor = await startFakeOpenAI()
    connection = { baseUrl: vendor.baseUrl, apiKey: 'sk-test' }
    return () => vendor.close()
  })

  test('streams the chunks as deltas, then one done with the reported usage', async ({
    assert,
  }) => {
    vendor.reply({
      chunks: ['Twenty-five ', 'days ', 'a year.'],
      usage: { input: 812, output: 7, cached: 512 },
    })
    const events = await collect(connection)
    assert.deepEqual(
      events.filter((event) => event.type === 'delta').map((event) => event.text),
      ['Twenty-five ', 'days ', 'a year.']
    )
    assert.equal(textOf(events), 'Twenty-five days a year.')
    assert.deepEqual(events.at(-1), {
      type: 'done',
      usage: { inputTokens: 812, outputTokens: 7, cachedInputTokens: 512 },
      stopReason: 'stop',
    })
    assert.lengthOf(
      events.filter((event) => event.type === 'done'),
      1
    )
  })

  test('sends the model, the system message first, max tokens and asks for usage', async ({
    assert,
  }) => {
    await collect(connection, { ...request, temperature: 0.2 })
    const sent = vendor.lastRequest('/v1/chat/completions')!
    assert.equal(sent.headers.authorization, 'Bearer sk-test')
    assert.equal(sent.json.model, 'gpt-4o')
    assert.deepEqual(sent.json.messages, [
      { role: 'system', content: 'Answer from the handbook.' },
      { role: 'user', content: 'What is the leave policy?' },
      { role: 'assistant', content: 'Which country?' },
      { role: 'user', content: 'France.' },
    ])
    assert.equal(sent.json.max_tokens, 512)
    assert.equal(sent.json.temperature, 0.2)
    assert.isTrue(sent.json.stream)
    assert.deepEqual(sent.json.stream_options, { include_usage: true })
  })

  test('reasoning models get max_completion_tokens; no system message when there is none', async ({
    assert,
  }) => {
    await collect(connection, { ...request, model: 'o3-mini', system: null })
    const sent = vendor.lastRequest('/v1/chat/completions')!.json
    assert.equal(sent.max_completion_tokens, 512)
    assert.notProperty(sent, 'max_tokens')
    assert.equal(sent.messages[0].role, 'user')
  })

  test('a connection without a key (Ollama) sends a placeholder', async ({ assert }) => {
    const events = await collect({ baseUrl: vendor.baseUrl, apiKey: null })
    assert.equal(textOf(events), 'This is a fake answer.')
    assert.equal(vendor.lastRequest()!.headers.authorization, 'Bearer not-needed')
  })

  test('a server that reports no usage gets it counted', async ({ assert }) => {
    vendor.reply({ chunks: ['Hello ', 'world'], omitUsage: true })
    const done = (await collect(connection)).at(-1)
    assert.equal(done?.type, 'done')
    if (done?.type !== 'done') return
    assert.equal(
      done.usage.outputTokens,
      openaiProvider.countTokens('gpt-4o', 'Hello world').tokens
    )
    assert.isAbove(done.usage.inputTokens, 10)
    assert.equal(done.usage.cachedInputTokens, 0)
  })

  test('aborting mid-answer throws aborted and the server sees the request dropped', async ({
    assert,
  }) => {
    vendor.reply({ chunks: ['First ', 'second ', 'third'], hold: true })
    const controller = new AbortController()
    const received: string[] = []
    let thrown: unknown = null
    try {
      for await (const event of openaiProvider.stream(connection, request, controller.signal)) {
        if (event.type === 'delta') {
          received.push(event.text)
          controller.abort()
        }
      }
    } catch (error) {
      thrown = error
    }
    assert.deepEqual(received, ['First '])
    assert.instanceOf(thrown, LlmError)
    assert.equal((thrown as LlmError).kind, 'aborted')
    await vendor.waitForAbort()
    assert.equal(vendor.aborted, 1)
  })

  test('a held answer goes on to its end when the vendor releases it', async ({ assert }) => {
    vendor.reply({ chunks: ['One ', 'two ', 'three'], hold: 2 })
    const events = collect(connection)
    await vendor.waitForHold()
    assert.equal(vendor.holding, 1)
    vendor.release()
    assert.equal(textOf(await events), 'One two three')
    assert.equal(vendor.aborted, 0)
  })

  test('an already aborted signal sends nothing', async ({ assert }) => {
    const controller = new AbortController()
    controller.abort()
    await assert.rejects(() => collect(connection, request, controller.signal), /stopped/)
    assert.equal(vendor.requestCount, 0)
  })

  test('HTTP error {status} maps to {kind}')
    .with([
      { status: 401, kind: 'auth' },
      { status: 429, kind: 'rate_limit' },
      { status: 400, kind: 'context_length' },
      { status: 404, kind: 'not_found' },
      { status: 500, kind: 'overloaded' },
      { status: 503, kind: 'overloaded' },
    ])
    .run(async ({ assert }, { status, kind }) => {
      vendor.reply({ error: { status } })
      const error = await failure(connection)
      assert.equal(error.kind, kind)
      assert.equal(error.status, status)
      assert.equal(vendor.requestCount, 1, 'no retry behind the member’s back')
    })

  test('the 401 says what to do in plain words', async ({ assert }) => {
    vendor.reply({ error: { status: 401 } })
    const error = await failure(connection)
    assert.equal(
      error.message,
      'The provider refused the API key (401). An admin should check the connection.'
    )
  })

  test('another 400 is a bad request carrying the vendor’s words', async ({ assert }) => {
    vendor.reply({
      error: { status: 400, code: 'invalid_value', message: "Invalid value for 'temperature'." },
    })
    const error = await failure(connection)
    assert.equal(error.kind, 'bad_request')
    assert.include(error.message, "Invalid value for 'temperature'.")
  })

  test('an in-stream error payload maps by its type', async ({ assert }) => {
    vendor.reply({ chunks: ['Partial ', 'answer'], error: { afterChunks: 1 } })
    const error = await failure(connection)
    assert.equal(error.kind, 'overloaded')
    vendor.reply({ error: { afterChunks: 0, status: 429 } })
    assert.equal((await failure(connection)).kind, 'rate_limit')
  })

  test('an unreachable server is a network error', async ({ assert }) => {
    const port = vendor.port
    await vendor.close()
    const error = await failure({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: null })
    assert.equal(error.kind, 'network')
  })
})

test.group('OpenAI-compatible provider: models, tokens, embeddings', (group) => {
  let vendor: FakeVendor
  group.each.setup(async () => {
    vendor = await startFakeOpenAI()
    return () => vendor.close()
  })

  test('lists the models the server lists', async ({ assert }) => {
    vendor.models = [{ id: 'llama3.1:8b' }, { id: 'mistral:7b' }, { id: 'gpt-4o' }]
    const models = await openaiProvider.listModels({ baseUrl: vendor.baseUrl, apiKey: null })
    assert.deepEqual(models, [
      { model: 'gpt-4o' },
      { model: 'llama3.1:8b' },
      { model: 'mistral:7b' },
    ])
  })

  test('a base URL where nothing answers says to check it', async ({ assert }) => {
    try {
      await openaiProvider.listModels({
        baseUrl: `http://127.0.0.1:${vendor.port}/api`,
        apiKey: null,
      })
      assert.fail('listModels should have thrown')
    } catch (error) {
      assert.instanceOf(error, LlmError)
      assert.equal((error as LlmError).kind, 'not_found')
      assert.include((error as LlmError).message, 'base URL')
    }
  })

  test('a refused key while listing models is an auth error', async ({ assert }) => {
    vendor.apiKey = 'sk-right'
    const right = await openaiProvider.listModels({ baseUrl: vendor.baseUrl, apiKey: 'sk-right' })
    assert.isAbove(right.length, 0)
    try {
      await openaiProvider.listModels({ baseUrl: vendor.baseUrl, apiKey: 'sk-wrong' })
      assert.fail('listModels should have thrown')
    } catch (error) {
      assert.instanceOf(error, LlmError)
      assert.equal((error as LlmError).kind, 'auth')
    }
  })

  test('counts exactly for OpenAI models and estimates for others', ({ assert }) => {
    const text = 'The quick brown fox jumps over the lazy dog.'
    assert.deepEqual(openaiProvider.countTokens('gpt-4o', text), { tokens: 10, exact: true })
    const llama = openaiProvider.countTokens('llama3', text)
    assert.isFalse(llama.exact)
    assert.equal(llama.tokens, 10)
  })

  test('embeds texts in order, as floats', async ({ assert }) => {
    const vectors = await openaiProvider.embed!(
      { baseUrl: vendor.baseUrl, apiKey: null },
      'text-embedding-3-small',
      ['alpha', 'beta', 'alpha']
    )
    assert.lengthOf(vectors, 3)
    assert.lengthOf(vectors[0], 8)
    assert.deepEqual(vectors[0], vectors[2])
    assert.notDeepEqual(vectors[0], vectors[1])
    assert.equal(vendor.lastRequest('/v1/embeddings')!.json.encoding_format, 'float')
  })
})

test.group('llm-openai plugin', () => {
  test('contributes the `openai` provider to llm.providers', async ({ assert }) => {
    const registry = await app.container.make(PluginRegistry)
    const mine = registry
      .contributions(llmProviders)
      .filter(({ plugin }) => plugin === 'llm-openai')
    assert.lengthOf(mine, 1)
    assert.strictEqual(mine[0].value, openaiProvider)
    assert.equal(mine[0].value.key, 'openai')
  })
})
