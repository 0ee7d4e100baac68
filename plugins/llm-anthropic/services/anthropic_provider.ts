/*
| The `anthropic` provider: Claude through the official SDK's Messages API.
| Stateless: each call builds a client from the tenant's connection.
|
| Usage: Anthropic's input_tokens counts only the uncached part of the prompt;
| cache reads and cache writes are reported beside it. We report the whole
| prompt as inputTokens (input + cache read + cache creation) and the cache
| reads as cachedInputTokens, the way OpenAI reports them, so pricing treats
| the cached part separately for both vendors.
*/
import Anthropic from '@anthropic-ai/sdk'
import {
  LlmError,
  type ChatRequest,
  type LlmConnection,
  type LlmProvider,
  type ListedModel,
  type StreamEvent,
} from '#plugins/threads/services/llm_contract'
import { estimateTokens } from './token_estimate.js'
import { toLlmError } from './anthropic_errors.js'

export const DEFAULT_BASE_URL = 'https://api.anthropic.com'

/** Until the response starts; a stream's body then takes as long as the answer does. */
const STREAM_TIMEOUT_MS = 120_000
const CALL_TIMEOUT_MS = 30_000

function client(connection: LlmConnection, timeout: number) {
  if (!connection.apiKey) {
    // Without a key of its own the SDK would look for the server's ANTHROPIC_* settings.
    throw new LlmError('auth', 'This Anthropic connection has no API key. An admin should add one.')
  }
  return new Anthropic({
    apiKey: connection.apiKey,
    // The SDK adds /v1 itself; an admin copying "https://api.anthropic.com/v1" means the same.
    baseURL: (connection.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '').replace(/\/v1$/, ''),
    // A retry would resend a whole prompt behind the member's back; threads decides.
    maxRetries: 0,
    timeout,
  })
}

async function* stream(
  connection: LlmConnection,
  request: ChatRequest,
  signal: AbortSignal
): AsyncIterable<StreamEvent> {
  let input = 0
  let cacheRead = 0
  let cacheWrite = 0
  let output = 0
  let stopReason: string | null = null
  let finished = false
  try {
    if (signal.aborted) throw new LlmError('aborted', 'The answer was stopped before it began.')
    const events = await client(connection, STREAM_TIMEOUT_MS).messages.create(
      {
        model: request.model,
        max_tokens: request.maxOutputTokens,
        ...(request.system ? { system: request.system } : {}),
        messages: request.turns.map((turn) => ({ role: turn.role, content: turn.content })),
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
        stream: true,
      },
      { signal }
    )
    for await (const event of events) {
      if (event.type === 'message_start') {
        const usage = event.message.usage
        input = usage.input_tokens
        cacheRead = usage.cache_read_input_tokens ?? 0
        cacheWrite = usage.cache_creation_input_tokens ?? 0
        output = usage.output_tokens
      } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        if (event.delta.text) yield { type: 'delta', text: event.delta.text }
      } else if (event.type === 'message_delta') {
        // Cumulative counts: the last message_delta holds the totals.
        stopReason = event.delta.stop_reason ?? stopReason
        output = event.usage.output_tokens
        input = event.usage.input_tokens ?? input
        cacheRead = event.usage.cache_read_input_tokens ?? cacheRead
        cacheWrite = event.usage.cache_creation_input_tokens ?? cacheWrite
      } else if (event.type === 'message_stop') {
        finished = true
      }
    }
  } catch (error) {
    throw toLlmError(error, signal, request.model)
  }
  // The SDK ends an aborted stream quietly; a closed connection also just ends it.
  if (signal.aborted) throw toLlmError(null, signal)
  if (!finished) {
    throw new LlmError(
      'network',
      'The connection to Anthropic closed before the answer was complete. Try again.'
    )
  }
  yield {
    type: 'done',
    usage: {
      inputTokens: input + cacheRead + cacheWrite,
      outputTokens: output,
      cachedInputTokens: cacheRead,
    },
    stopReason,
  }
}

async function listModels(connection: LlmConnection, signal?: AbortSignal) {
  try {
    const models: ListedModel[] = []
    const pages = client(connection, CALL_TIMEOUT_MS).models.list({ limit: 100 }, { signal })
    for await (const model of pages) {
      const listed: ListedModel = { model: model.id, displayName: model.display_name }
      if (model.max_input_tokens) listed.contextWindow = model.max_input_tokens
      if (model.max_tokens) listed.maxOutput = model.max_tokens
      models.push(listed)
    }
    return models
  } catch (error) {
    throw toLlmError(error, signal)
  }
}

export const anthropicProvider: LlmProvider = {
  key: 'anthropic',
  label: 'Anthropic (Claude)',
  defaultBaseUrl: DEFAULT_BASE_URL,
  needsApiKey: true,
  listModels,
  countTokens: estimateTokens,
  stream: (connection, request, signal) => stream(connection, request, signal),
}
