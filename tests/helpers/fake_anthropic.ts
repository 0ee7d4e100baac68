/*
| A fake Anthropic API on 127.0.0.1 speaking the real wire format, so the
| official `@anthropic-ai/sdk` talks to it unchanged:
|
|   const vendor = await startFakeAnthropic()    // vendor.baseUrl = http://127.0.0.1:PORT
|   vendor.reply({ chunks: ['Hel', 'lo'], usage: { input: 30, output: 2, cached: 10 } })
|   vendor.reply({ error: { status: 529 } })     // HTTP error with Anthropic's JSON body
|   vendor.reply({ error: { afterChunks: 1 } })  // `event: error` (overloaded) mid-stream
|   vendor.reply({ hold: true })                 // first chunk, then wait for vendor.release()
|   await vendor.close()
|
| Usage as Anthropic reports it: `input` is input_tokens, which does NOT include
| the cached tokens (`cached` → cache_read_input_tokens, `cacheWrite` →
| cache_creation_input_tokens); output_tokens in message_delta is cumulative.
| Endpoints: POST /v1/messages (streamed or not), GET /v1/models. See
| fake_vendor_base.ts for the reply options and the control API.
*/
import {
  DEFAULT_CHUNKS,
  holdAfter,
  startEventStream,
  startFakeVendor,
  type Exchange,
  type FakeModel,
  type FakeVendor,
} from './fake_vendor_base.js'

export type { FakeReply, FakeVendor, RecordedRequest, FakeModel } from './fake_vendor_base.js'

export const DEFAULT_ANTHROPIC_MODELS: FakeModel[] = [
  {
    id: 'claude-sonnet-4-6',
    displayName: 'Claude Sonnet 4.6',
    maxInputTokens: 200000,
    maxTokens: 64000,
  },
  {
    id: 'claude-haiku-4-5',
    displayName: 'Claude Haiku 4.5',
    maxInputTokens: 200000,
    maxTokens: 64000,
  },
]

/** What Anthropic answers for each status (error type and message). */
function errorFor(status: number, model: string) {
  switch (status) {
    case 400:
      return {
        type: 'invalid_request_error',
        message: 'prompt is too long: 215318 tokens > 200000 maximum',
      }
    case 401:
      return { type: 'authentication_error', message: 'invalid x-api-key' }
    case 403:
      return {
        type: 'permission_error',
        message: 'Your API key does not have permission to use the specified resource.',
      }
    case 404:
      return { type: 'not_found_error', message: `model: ${model}` }
    case 413:
      return {
        type: 'request_too_large',
        message: 'Request exceeds the maximum allowed number of bytes.',
      }
    case 429:
      return {
        type: 'rate_limit_error',
        message:
          'This request would exceed the rate limit for your organization of 50 requests per minute.',
      }
    case 529:
      return { type: 'overloaded_error', message: 'Overloaded' }
    default:
      return { type: 'api_error', message: 'Internal server error' }
  }
}

function errorBody(exchange: Exchange, status: number) {
  const given = exchange.reply.error ?? {}
  const base = errorFor(status, exchange.request.json?.model ?? 'unknown')
  return {
    type: 'error',
    error: { type: given.type ?? base.type, message: given.message ?? base.message },
    request_id: requestId(),
  }
}

const requestId = () => `req_${Math.random().toString(36).slice(2, 26)}`

async function messages(exchange: Exchange) {
  const { reply, request } = exchange
  const body = request.json ?? {}
  const model: string = body.model ?? 'claude-sonnet-4-6'
  if (reply.error && reply.error.afterChunks === undefined) {
    if (!(await exchange.pause())) return
    const status = reply.error.status ?? 500
    return exchange.json(status, errorBody(exchange, status), { 'request-id': requestId() })
  }
  const chunks = reply.chunks ?? DEFAULT_CHUNKS
  const output = reply.usage?.output ?? chunks.length
  const usage = {
    input_tokens: reply.usage?.input ?? 20,
    cache_creation_input_tokens: reply.usage?.cacheWrite ?? 0,
    cache_read_input_tokens: reply.usage?.cached ?? 0,
    cache_creation: {
      ephemeral_5m_input_tokens: reply.usage?.cacheWrite ?? 0,
      ephemeral_1h_input_tokens: 0,
    },
    output_tokens: 1,
    service_tier: 'standard',
  }
  const id = `msg_${Math.random().toString(36).slice(2, 26)}`
  const stopReason = reply.stopReason ?? 'end_turn'

  if (body.stream !== true) {
    if (!(await exchange.pause())) return
    return exchange.json(200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: chunks.join('') }],
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { ...usage, output_tokens: output },
    })
  }

  const send = startEventStream(exchange.res, { 'request-id': requestId() })
  const message = { id, type: 'message', role: 'assistant', model, content: [] }
  send(
    {
      type: 'message_start',
      message: { ...message, stop_reason: null, stop_sequence: null, usage },
    },
    'message_start'
  )
  send(
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    'content_block_start'
  )
  send({ type: 'ping' }, 'ping')
  const holdAt = holdAfter(reply)
  for (const [index, text] of chunks.entries()) {
    if (index === reply.error?.afterChunks) break
    if (!(await exchange.pause())) return
    send(
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
      'content_block_delta'
    )
    if (index + 1 === holdAt && !(await exchange.holdHere())) return
  }
  if (reply.error?.afterChunks !== undefined) {
    const given = reply.error
    const base = errorFor(given.status ?? 529, model)
    send(
      {
        type: 'error',
        error: { type: given.type ?? base.type, message: given.message ?? base.message },
      },
      'error'
    )
    return exchange.res.end()
  }
  if (!(await exchange.pause())) return
  send({ type: 'content_block_stop', index: 0 }, 'content_block_stop')
  send(
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: output },
    },
    'message_delta'
  )
  send({ type: 'message_stop' }, 'message_stop')
  exchange.res.end()
}

/** GET /v1/models, paged the way Anthropic pages it (limit, after_id, has_more). */
function models(exchange: Exchange, vendor: FakeVendor) {
  const { query } = exchange.request
  const limit = Number(query.get('limit') ?? 20)
  const afterId = query.get('after_id')
  const start = afterId ? vendor.models.findIndex((model) => model.id === afterId) + 1 : 0
  const page = vendor.models.slice(start, start + limit).map((model) => ({
    type: 'model',
    id: model.id,
    display_name: model.displayName ?? model.id,
    created_at: '2025-09-29T00:00:00Z',
    max_input_tokens: model.maxInputTokens ?? null,
    max_tokens: model.maxTokens ?? null,
  }))
  exchange.json(200, {
    data: page,
    has_more: start + limit < vendor.models.length,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
  })
}

export function startFakeAnthropic(
  options: { models?: FakeModel[]; apiKey?: string } = {}
): Promise<FakeVendor> {
  return startFakeVendor({
    basePath: '',
    models: options.models ?? DEFAULT_ANTHROPIC_MODELS.map((model) => ({ ...model })),
    apiKey: options.apiKey,
    endpointOf(method, path) {
      if (method === 'POST' && path === '/v1/messages') return 'chat'
      if (method === 'GET' && path === '/v1/models') return 'models'
      return null
    },
    async handle(exchange, vendor) {
      const { request, reply } = exchange
      if (vendor.apiKey !== null && request.apiKey !== vendor.apiKey) {
        return exchange.json(401, errorBody(exchange, 401))
      }
      if (request.method === 'POST' && request.path === '/v1/messages') return messages(exchange)
      if (reply.error) {
        if (!(await exchange.pause())) return
        const status = reply.error.status ?? 500
        return exchange.json(status, errorBody(exchange, status))
      }
      if (!(await exchange.pause())) return
      if (request.method === 'GET' && request.path === '/v1/models') return models(exchange, vendor)
      exchange.json(404, {
        type: 'error',
        error: { type: 'not_found_error', message: `Not found: ${request.method} ${request.path}` },
      })
    },
  })
}
