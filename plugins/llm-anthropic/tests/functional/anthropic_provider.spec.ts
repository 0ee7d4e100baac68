import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import { llmProviders } from '#plugins/threads/services/extension_points'
import { startFakeAnthropic, type FakeVendor } from '#tests/helpers/fake_anthropic'
import {
  LlmError,
  type ChatRequest,
  type LlmConnection,
  type StreamEvent,
} from '#plugins/threads/services/llm_contract'
import { anthropicProvider } from '#plugins/llm-anthropic/services/anthropic_provider'

const request: ChatRequest = {
  model: 'claude-sonnet-4-6',
  system: 'Answer from the handbook.',
  turns: [
    { role: 'user', content: 'What is the leave policy?' },
    { role: 'assistant', content: 'Which country?' },
    { role: 'user', content: 'France.' },
  ],
  maxOutputTokens: 1024,
}

async function collect(
  connection: LlmConnection,
  chat: ChatRequest = request,
  signal = new AbortController().signal
) {
  const events: StreamEvent[] = []
  for await (const event of anthropicProvider.stream(connection, chat, signal)) events.push(event)
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

test.group('Anthropic provider: streaming', (group) => {
  let vendor: FakeVendor
  let connection: LlmConnection
  group.each.setup(async () => {
    vendor = await startFakeAnthropic()
    connection = { baseUrl: vendor.baseUrl, apiKey: 'sk-ant-test' }
    return () => vendor.close()
  })

  test('streams the text deltas, then one done with the whole prompt as input', async ({
    assert,
  }) => {
    vendor.reply({
      chunks: ['Twenty-five ', 'days ', 'a year.'],
      usage: { input: 300, cached: 500, cacheWrite: 12, output: 9 },
    })
    const events = await collect(connection)
    assert.deepEqual(
      events.filter((event) => event.type === 'delta').map((event) => event.text),
      ['Twenty-five ', 'days ', 'a year.']
    )
    assert.equal(textOf(events), 'Twenty-five days a year.')
    // input_tokens excludes the cache: 300 uncached + 500 read + 12 written.
    assert.deepEqual(events.at(-1), {
      type: 'done',
      usage: { inputTokens: 812, outputTokens: 9, cachedInputTokens: 500 },
      stopReason: 'end_turn',
    })
    assert.lengthOf(
      events.filter((event) => event.type === 'done'),
      1
    )
  })

  test('sends the model, the system apart, the turns and max_tokens with the key', async ({
    assert,
  }) => {
    vendor.reply({ stopReason: 'max_tokens' })
    const done = (await collect(connection, { ...request, temperature: 0.3 })).at(-1)
    assert.deepEqual(done?.type === 'done' && done.stopReason, 'max_tokens')
    const sent = vendor.lastRequest('/v1/messages')!
    assert.equal(sent.apiKey, 'sk-ant-test')
    assert.isString(sent.headers['anthropic-version'])
    assert.equal(sent.json.model, 'claude-sonnet-4-6')
    assert.equal(sent.json.system, 'Answer from the handbook.')
    assert.deepEqual(sent.json.messages, [
      { role: 'user', content: 'What is the leave policy?' },
      { role: 'assistant', content: 'Which country?' },
      { role: 'user', content: 'France.' },
    ])
    assert.equal(sent.json.max_tokens, 1024)
    assert.equal(sent.json.temperature, 0.3)
    assert.isTrue(sent.json.stream)
  })

  test('a base URL ending in /v1 reaches the same API', async ({ assert }) => {
    const events = await collect({ baseUrl: `${vendor.baseUrl}/v1/`, apiKey: 'sk-ant-test' })
    assert.equal(textOf(events), 'This is a fake answer.')
    assert.equal(vendor.lastRequest()!.path, '/v1/messages')
  })

  test('no system field when the request has none', async ({ assert }) => {
    await collect(connection, { ...request, system: null })
    assert.notProperty(vendor.lastRequest('/v1/messages')!.json, 'system')
  })

  test('a connection without a key fails as auth before calling Anthropic', async ({ assert }) => {
    const error = await failure({ baseUrl: vendor.baseUrl, apiKey: null })
    assert.equal(error.kind, 'auth')
    assert.equal(vendor.requestCount, 0)
  })

  test('aborting mid-answer throws aborted and the server sees the request dropped', async ({
    assert,
  }) => {
    vendor.reply({ chunks: ['First ', 'second ', 'third'], hold: true })
    const controller = new AbortController()
    const received: string[] = []
    let thrown: unknown = null
    try {
      for await (const event of anthropicProvider.stream(connection, request, controller.signal)) {
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

  test('HTTP error {status} maps to {kind}')
    .with([
      { status: 401, kind: 'auth' },
      { status: 429, kind: 'rate_limit' },
      { status: 529, kind: 'overloaded' },
      { status: 500, kind: 'overloaded' },
      { status: 400, kind: 'context_length' },
      { status: 404, kind: 'not_found' },
    ])
    .run(async ({ assert }, { status, kind }) => {
      vendor.reply({ error: { status } })
      const error = await failure(connection)
      assert.equal(error.kind, kind)
      assert.equal(error.status, status)
      assert.equal(vendor.requestCount, 1, 'no retry behind the member’s back')
    })

  test('the 529 and the 401 say what to do in plain words', async ({ assert }) => {
    vendor.reply({ error: { status: 529 } })
    assert.equal(
      (await failure(connection)).message,
      'Anthropic is overloaded right now. Try again in a moment.'
    )
    vendor.reply({ error: { status: 401 } })
    assert.equal(
      (await failure(connection)).message,
      'Anthropic refused the API key (401). An admin should check the connection.'
    )
  })

  test('another 400 is a bad request carrying Anthropic’s words', async ({ assert }) => {
    vendor.reply({
      error: {
        status: 400,
        message: 'messages: roles must alternate between "user" and "assistant"',
      },
    })
    const error = await failure(connection)
    assert.equal(error.kind, 'bad_request')
    assert.include(error.message, 'roles must alternate')
  })

  test('an in-stream error event maps by its type', async ({ assert }) => {
    vendor.reply({ chunks: ['Partial ', 'answer'], error: { afterChunks: 1 } })
    const error = await failure(connection)
    assert.equal(error.kind, 'overloaded')
    assert.isNull(error.status)
    vendor.reply({ error: { afterChunks: 0, type: 'rate_limit_error', message: 'Slow down' } })
    assert.equal((await failure(connection)).kind, 'rate_limit')
  })

  test('an unreachable server is a network error', async ({ assert }) => {
    const port = vendor.port
    await vendor.close()
    const error = await failure({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'sk-ant-test' })
    assert.equal(error.kind, 'network')
  })
})

test.group('Anthropic provider: models and tokens', (group) => {
  let vendor: FakeVendor
  group.each.setup(async () => {
    vendor = await startFakeAnthropic()
    return () => vendor.close()
  })

  test('lists every page of models with their names and limits', async ({ assert }) => {
    vendor.models = Array.from({ length: 130 }, (_, index) => ({
      id: `claude-test-${index}`,
      displayName: `Claude Test ${index}`,
      ...(index === 0 ? { maxInputTokens: 200000, maxTokens: 64000 } : {}),
    }))
    const models = await anthropicProvider.listModels({
      baseUrl: vendor.baseUrl,
      apiKey: 'sk-ant-test',
    })
    assert.lengthOf(models, 130)
    assert.deepEqual(models[0], {
      model: 'claude-test-0',
      displayName: 'Claude Test 0',
      contextWindow: 200000,
      maxOutput: 64000,
    })
    assert.deepEqual(models[129], { model: 'claude-test-129', displayName: 'Claude Test 129' })
    assert.equal(vendor.requestCount, 2)
  })

  test('a refused key while listing models is an auth error', async ({ assert }) => {
    vendor.apiKey = 'sk-ant-right'
    const right = await anthropicProvider.listModels({
      baseUrl: vendor.baseUrl,
      apiKey: 'sk-ant-right',
    })
    assert.isAbove(right.length, 0)
    try {
      await anthropicProvider.listModels({ baseUrl: vendor.baseUrl, apiKey: 'sk-ant-wrong' })
      assert.fail('listModels should have thrown')
    } catch (error) {
      assert.instanceOf(error, LlmError)
      assert.equal((error as LlmError).kind, 'auth')
    }
  })

  test('counts are estimates', ({ assert }) => {
    const count = anthropicProvider.countTokens(
      'claude-sonnet-4-6',
      'The quick brown fox jumps over the lazy dog.'
    )
    assert.deepEqual(count, { tokens: 10, exact: false })
    assert.deepEqual(anthropicProvider.countTokens('claude-sonnet-4-6', ''), {
      tokens: 0,
      exact: false,
    })
  })
})

test.group('llm-anthropic plugin', () => {
  test('contributes the `anthropic` provider to llm.providers', async ({ assert }) => {
    const registry = await app.container.make(PluginRegistry)
    const mine = registry
      .contributions(llmProviders)
      .filter(({ plugin }) => plugin === 'llm-anthropic')
    assert.lengthOf(mine, 1)
    assert.strictEqual(mine[0].value, anthropicProvider)
    assert.equal(mine[0].value.key, 'anthropic')
  })
})
