/*
| What the fake LLM vendors (fake_openai.ts, fake_anthropic.ts) share: a
| node:http server on 127.0.0.1, the record of every request byte for byte, the
| queue of scripted replies, holding a stream until the test releases it, and
| counting the requests a client abandoned. Each vendor file only speaks its
| wire format over these.
*/
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeEndpoint = 'chat' | 'models' | 'embeddings'

/** What the vendor says on the next call to an endpoint (chat unless `endpoint` says otherwise). */
export interface FakeReply {
  endpoint?: FakeEndpoint
  /** The answer's text, one stream chunk each. Default: DEFAULT_CHUNKS. */
  chunks?: string[]
  /**
   * Token usage to report. OpenAI: `input` is prompt_tokens (cached included, as
   * OpenAI counts). Anthropic: `input` is input_tokens (cached NOT included, as
   * Anthropic counts), `cached` is cache_read_input_tokens, `cacheWrite` is
   * cache_creation_input_tokens. Default: input 20, output one per chunk, cached 0.
   */
  usage?: { input?: number; output?: number; cached?: number; cacheWrite?: number }
  /** OpenAI only: send no usage chunk, like some local servers. */
  omitUsage?: boolean
  /** Wait before each chunk (and before an HTTP error), in ms. */
  delayMs?: number
  /**
   * Stream this many chunks (true = 1), then wait for `vendor.release()`: the
   * test can abort, disconnect or reload at a known point of the answer.
   */
  hold?: boolean | number
  /** finish_reason (OpenAI) or stop_reason (Anthropic). Default 'stop' / 'end_turn'. */
  stopReason?: string
  /**
   * An error instead of (or in the middle of) the answer. Without `afterChunks`
   * it is an HTTP error with `status` (default 500); with it, the stream sends
   * that many chunks and then the vendor's in-stream error payload. Type, code
   * and message default to what the vendor really says for the status.
   */
  error?: {
    status?: number
    type?: string
    code?: string | null
    message?: string
    afterChunks?: number
  }
}

export interface RecordedRequest {
  method: string
  /** Path without the query string. */
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  /** The key the client sent: `x-api-key` or `Authorization: Bearer …` (this SDK's way). */
  apiKey: string | null
  /** The body exactly as received (UTF-8). */
  raw: string
  /** The body parsed as JSON, or null when it is not JSON. */
  json: any
}

/** A model the fake lists. Anthropic also reports the two limits. */
export interface FakeModel {
  id: string
  displayName?: string
  maxInputTokens?: number
  maxTokens?: number
}

export const DEFAULT_CHUNKS = ['This is ', 'a fake ', 'answer.']

/** One exchange in progress, as the vendor file drives it. */
export interface Exchange {
  request: RecordedRequest
  reply: FakeReply
  res: ServerResponse
  /** Whether the client went away before the response ended. */
  readonly closed: boolean
  /** Waits `reply.delayMs`; false when the client went away meanwhile. */
  pause(): Promise<boolean>
  /** Waits for `vendor.release()` (or the client leaving); false when the client left. */
  holdHere(): Promise<boolean>
  /** Writes and ends a JSON response. */
  json(status: number, body: unknown, headers?: Record<string, string>): void
}

export type VendorHandler = (exchange: Exchange, vendor: FakeVendor) => unknown

export interface FakeVendor {
  /** What a connection's base URL would be for this vendor. */
  readonly baseUrl: string
  readonly port: number
  readonly requests: RecordedRequest[]
  readonly requestCount: number
  /** Requests whose client went away before the response ended. */
  readonly aborted: number
  /** Streams waiting at their hold point now. */
  readonly holding: number
  /** Listed by GET /v1/models. */
  models: FakeModel[]
  /** When set, requests with another key get the vendor's 401. */
  apiKey: string | null
  /** Queues the reply of the next call to its endpoint. */
  reply(reply: FakeReply): void
  /** Lets every held stream go on to its end. */
  release(): void
  /** Resolves when `count` streams are held (default 1). */
  waitForHold(count?: number, timeoutMs?: number): Promise<void>
  /** Resolves when `count` requests were aborted in all (default 1). */
  waitForAbort(count?: number, timeoutMs?: number): Promise<void>
  /** The last request to a path, e.g. '/v1/chat/completions'. */
  lastRequest(path?: string): RecordedRequest | undefined
  close(): Promise<void>
}

export interface FakeVendorOptions {
  /** Appended to http://127.0.0.1:PORT to make `baseUrl` ('/v1' for OpenAI). */
  basePath: string
  models: FakeModel[]
  apiKey?: string | null
  /** Which endpoint a request is for, or null (served by `handle` with no queued reply). */
  endpointOf(method: string, path: string): FakeEndpoint | null
  handle: VendorHandler
}

function keyOf(headers: IncomingMessage['headers']) {
  const apiKey = headers['x-api-key']
  if (typeof apiKey === 'string') return apiKey
  return headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? null
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function startFakeVendor(options: FakeVendorOptions): Promise<FakeVendor> {
  const requests: RecordedRequest[] = []
  const queues = new Map<FakeEndpoint, FakeReply[]>()
  let aborted = 0
  let releases: Array<() => void> = []
  let watchers: Array<() => void> = []
  const notify = () => {
    for (const watcher of watchers) watcher()
  }

  function until(condition: () => boolean, what: string, timeoutMs: number) {
    if (condition()) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        watchers = watchers.filter((watcher) => watcher !== check)
        reject(new Error(`fake vendor: timed out after ${timeoutMs} ms waiting for ${what}`))
      }, timeoutMs)
      const check = () => {
        if (!condition()) return
        clearTimeout(timer)
        watchers = watchers.filter((watcher) => watcher !== check)
        resolve()
      }
      watchers.push(check)
    })
  }

  const server = createServer(async (req, res) => {
    const body: Buffer[] = []
    for await (const part of req) body.push(part as Buffer)
    const raw = Buffer.concat(body).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    let json: any = null
    try {
      json = raw ? JSON.parse(raw) : null
    } catch {}
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      apiKey: keyOf(req.headers),
      raw,
      json,
    }
    requests.push(request)

    let closed = false
    res.on('close', () => {
      closed = true
      if (!res.writableFinished) aborted++
      notify()
    })
    const endpoint = options.endpointOf(request.method, request.path)
    const reply = (endpoint && queues.get(endpoint)?.shift()) || {}
    const exchange: Exchange = {
      request,
      reply,
      res,
      get closed() {
        return closed
      },
      async pause() {
        if (reply.delayMs) await sleep(reply.delayMs)
        return !closed
      },
      holdHere() {
        if (closed) return Promise.resolve(false)
        return new Promise<boolean>((resolve) => {
          const done = () => {
            releases = releases.filter((release) => release !== done)
            res.off('close', done)
            notify()
            resolve(!closed)
          }
          releases.push(done)
          res.on('close', done)
          notify()
        })
      },
      json(status, payload, headers = {}) {
        if (closed) return
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(JSON.stringify(payload))
      },
    }
    notify()
    try {
      await options.handle(exchange, vendor)
    } catch (error) {
      if (!res.headersSent) exchange.json(500, { error: { message: String(error) } })
      else res.destroy()
    }
  })
  // A held stream must not keep the test process (or close()) waiting.
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port

  const vendor: FakeVendor = {
    baseUrl: `http://127.0.0.1:${port}${options.basePath}`,
    port,
    requests,
    get requestCount() {
      return requests.length
    },
    get aborted() {
      return aborted
    },
    get holding() {
      return releases.length
    },
    models: options.models,
    apiKey: options.apiKey ?? null,
    reply(reply) {
      const endpoint = reply.endpoint ?? 'chat'
      queues.set(endpoint, [...(queues.get(endpoint) ?? []), reply])
    },
    release() {
      for (const release of [...releases]) release()
    },
    waitForHold(count = 1, timeoutMs = 5000) {
      return until(() => releases.length >= count, `${count} held stream(s)`, timeoutMs)
    },
    waitForAbort(count = 1, timeoutMs = 5000) {
      return until(() => aborted >= count, `${count} aborted request(s)`, timeoutMs)
    },
    lastRequest(path) {
      return requests.filter((request) => !path || request.path === path).at(-1)
    },
    async close() {
      vendor.release()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  return vendor
}

/** Server-sent events: `data:` lines (OpenAI) or `event:` + `data:` (Anthropic). */
export function startEventStream(res: ServerResponse, headers: Record<string, string> = {}) {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'connection': 'keep-alive',
    ...headers,
  })
  res.flushHeaders()
  return (data: unknown, event?: string) => {
    if (res.writableEnded || res.destroyed) return
    const payload = typeof data === 'string' ? data : JSON.stringify(data)
    res.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`)
  }
}

/** How many chunks to stream before holding, from `reply.hold`. */
export function holdAfter(reply: FakeReply): number | null {
  if (reply.hold === undefined || reply.hold === false) return null
  return reply.hold === true ? 1 : reply.hold
}
