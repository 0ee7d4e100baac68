/*
| A fake OpenAI API on 127.0.0.1 speaking the real wire format, so the official
| `openai` SDK (and anything OpenAI-compatible) talks to it unchanged:
|
|   const vendor = await startFakeOpenAI()       // vendor.baseUrl = http://127.0.0.1:PORT/v1
|   vendor.reply({ chunks: ['Hel', 'lo'], usage: { input: 30, output: 2, cached: 10 } })
|   vendor.reply({ error: { status: 429 } })     // HTTP error with OpenAI's JSON body
|   vendor.reply({ hold: true })                 // first chunk, then wait for vendor.release()
|   vendor.requests[0].json.messages             // what the client sent
|   await vendor.close()
|
| Endpoints: POST /v1/chat/completions (streamed or not), GET /v1/models,
| POST /v1/embeddings (deterministic vectors, float or base64). See
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

export const DEFAULT_OPENAI_MODELS: FakeModel[] = [
  { id: 'gpt-4o' },
  { id: 'gpt-4o-mini' },
  { id: 'text-embedding-3-small' },
]

/** What OpenAI answers for each status (type, code, message), as of its API today. */
function errorFor(status: number, model: string) {
  switch (status) {
    case 400:
      return {
        type: 'invalid_request_error',
        code: 'context_length_exceeded',
        param: 'messages',
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
      }
    case 401:
      return {
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        param: null,
        message:
          'Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.',
      }
    case 404:
      return {
        type: 'invalid_request_error',
        code: 'model_not_found',
        param: null,
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
      }
    case 429:
      return {
        type: 'requests',
        code: 'rate_limit_exceeded',
        param: null,
        message: `Rate limit reached for ${model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
      }
    case 503:
      return {
        type: 'server_error',
        code: null,
        param: null,
        message: 'The engine is currently overloaded, please try again later.',
      }
    default:
      return {
        type: 'server_error',
        code: null,
        param: null,
        message: 'The server had an error while processing your request. Sorry about that!',
      }
  }
}

function errorBody(exchange: Exchange, status: number) {
  const given = exchange.reply.error ?? {}
  const base = errorFor(status, exchange.request.json?.model ?? 'unknown')
  return {
    error: {
      message: given.message ?? base.message,
      type: given.type ?? base.type,
      param: base.param,
      code: given.code !== undefined ? given.code : base.code,
    },
  }
}

const requestId = () => `req_${Math.random().toString(16).slice(2, 14)}`

async function chat(exchange: Exchange) {
  const { reply, request } = exchange
  const body = request.json ?? {}
  const model: string = body.model ?? 'gpt-4o'
  if (reply.error && reply.error.afterChunks === undefined) {
    if (!(await exchange.pause())) return
    const status = reply.error.status ?? 500
    return exchange.json(status, errorBody(exchange, status), { 'x-request-id': requestId() })
  }
  const chunks = reply.chunks ?? DEFAULT_CHUNKS
  const usage = {
    prompt_tokens: reply.usage?.input ?? 20,
    completion_tokens: reply.usage?.output ?? chunks.length,
    total_tokens: 0,
    prompt_tokens_details: { cached_tokens: reply.usage?.cached ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  }
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens
  const id = `chatcmpl-${Math.random().toString(36).slice(2, 14)}`
  const created = Math.floor(Date.now() / 1000)
  const finishReason = reply.stopReason ?? 'stop'

  if (body.stream !== true) {
    if (!(await exchange.pause())) return
    return exchange.json(200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: chunks.join(''), refusal: null },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
    })
  }

  const send = startEventStream(exchange.res, { 'x-request-id': requestId() })
  const chunk = (delta: object, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(body.stream_options?.include_usage ? { usage: null } : {}),
  })
  send(chunk({ role: 'assistant', content: '', refusal: null }, null))
  const holdAt = holdAfter(reply)
  for (const [index, text] of chunks.entries()) {
    if (index === reply.error?.afterChunks) break
    if (!(await exchange.pause())) return
    send(chunk({ content: text }, null))
    if (index + 1 === holdAt && !(await exchange.holdHere())) return
  }
  if (reply.error?.afterChunks !== undefined) {
    const status = reply.error.status ?? 500
    send(errorBody(exchange, status))
    return exchange.res.end()
  }
  if (!(await exchange.pause())) return
  send(chunk({}, finishReason))
  if (body.stream_options?.include_usage && !reply.omitUsage) {
    send({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_fake',
      choices: [],
      usage,
    })
  }
  send('[DONE]')
  exchange.res.end()
}

/** Deterministic unit-length vectors from the text, so equal texts embed equally. */
function vectorFor(text: string, dimensions: number) {
  const vector = Array.from({ length: dimensions }, (_, i) => {
    let hash = 2166136261 ^ i
    for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619)
    return ((hash >>> 0) / 0xffffffff) * 2 - 1
  })
  const norm = Math.hypot(...vector) || 1
  return vector.map((value) => value / norm)
}

function embeddings(exchange: Exchange) {
  const body = exchange.request.json ?? {}
  const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input ?? '']
  const dimensions: number = body.dimensions ?? 8
  const data = inputs.map((text, index) => {
    const vector = vectorFor(String(text), dimensions)
    const embedding =
      body.encoding_format === 'base64'
        ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
        : vector
    return { object: 'embedding', index, embedding }
  })
  const tokens = inputs.reduce((sum, text) => sum + Math.ceil(String(text).length / 4), 0)
  exchange.json(200, {
    object: 'list',
    data,
    model: body.model ?? 'text-embedding-3-small',
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  })
}

export function startFakeOpenAI(
  options: { models?: FakeModel[]; apiKey?: string } = {}
): Promise<FakeVendor> {
  return startFakeVendor({
    basePath: '/v1',
    models: options.models ?? [...DEFAULT_OPENAI_MODELS],
    apiKey: options.apiKey,
    endpointOf(method, path) {
      if (method === 'POST' && path === '/v1/chat/completions') return 'chat'
      if (method === 'GET' && path === '/v1/models') return 'models'
      if (method === 'POST' && path === '/v1/embeddings') return 'embeddings'
      return null
    },
    async handle(exchange, vendor) {
      const { request, reply } = exchange
      if (vendor.apiKey !== null && request.apiKey !== vendor.apiKey) {
        return exchange.json(401, errorBody(exchange, 401))
      }
      if (request.method === 'POST' && request.path === '/v1/chat/completions') {
        return chat(exchange)
      }
      if (reply.error) {
        if (!(await exchange.pause())) return
        const status = reply.error.status ?? 500
        return exchange.json(status, errorBody(exchange, status))
      }
      if (!(await exchange.pause())) return
      if (request.method === 'GET' && request.path === '/v1/models') {
        return exchange.json(200, {
          object: 'list',
          data: vendor.models.map((model) => ({
            id: model.id,
            object: 'model',
            created: 1715367049,
            owned_by: 'system',
          })),
        })
      }
      if (request.method === 'POST' && request.path === '/v1/embeddings')
        return embeddings(exchange)
      exchange.json(404, {
        error: {
          message: `Invalid URL (${request.method} ${request.path})`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      })
    },
  })
}
