/*
| The `openai` provider: OpenAI and every server speaking its Chat Completions
| API (Ollama, vLLM, LM Studio, LiteLLM), through the official SDK. Stateless:
| each call builds a client from the tenant's connection and forgets it.
*/
import OpenAI from 'openai'
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions'
import {
  LlmError,
  type ChatRequest,
  type LlmConnection,
  type LlmProvider,
  type LlmUsage,
  type StreamEvent,
} from '#plugins/threads/services/llm_contract'
import { countTokens } from './tokenizer.js'
import { toLlmError } from './openai_errors.js'

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1'

/** Until the response starts; a stream's body then takes as long as the answer does. */
const STREAM_TIMEOUT_MS = 120_000
const CALL_TIMEOUT_MS = 30_000

/*
| The o-series and gpt-5 refuse `max_tokens` ("use max_completion_tokens
| instead"), while Ollama, vLLM and LM Studio only know `max_tokens` — so only
| those OpenAI model names get the newer parameter.
*/
const NEEDS_MAX_COMPLETION_TOKENS = /^(?:o[1-9]|gpt-5)(?:[-.:]|$)/

function client(connection: LlmConnection, timeout: number) {
  return new OpenAI({
    // A local Ollama takes no key, but the SDK requires a string.
    apiKey: connection.apiKey || 'not-needed',
    baseURL: connection.baseUrl || DEFAULT_BASE_URL,
    // Never the server's own OPENAI_* environment: each tenant brings its connection.
    organization: null,
    project: null,
    adminAPIKey: null,
    // A retry would resend a whole prompt behind the member's back; threads decides.
    maxRetries: 0,
    timeout,
  })
}

function messagesOf(request: ChatRequest): ChatCompletionMessageParam[] {
  const turns = request.turns.map((turn) => ({ role: turn.role, content: turn.content }))
  return request.system ? [{ role: 'system', content: request.system }, ...turns] : turns
}

/** Usage counted here, for servers that report none (the contract's `done` needs one). */
function estimatedUsage(request: ChatRequest, answer: string): LlmUsage {
  const prompt = [request.system ?? '', ...request.turns.map((turn) => turn.content)].join('\n')
  return {
    inputTokens: countTokens(request.model, prompt).tokens,
    outputTokens: countTokens(request.model, answer).tokens,
    cachedInputTokens: 0,
  }
}

async function* stream(
  connection: LlmConnection,
  request: ChatRequest,
  signal: AbortSignal
): AsyncIterable<StreamEvent> {
  const maxTokens = NEEDS_MAX_COMPLETION_TOKENS.test(request.model)
    ? { max_completion_tokens: request.maxOutputTokens }
    : { max_tokens: request.maxOutputTokens }
  let answer = ''
  let usage: LlmUsage | null = null
  let stopReason: string | null = null
  let finished = false
  try {
    if (signal.aborted) throw new LlmError('aborted', 'The answer was stopped before it began.')
    const chunks = await client(connection, STREAM_TIMEOUT_MS).chat.completions.create(
      {
        model: request.model,
        messages: messagesOf(request),
        ...maxTokens,
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal }
    )
    for await (const chunk of chunks) {
      // vLLM may repeat usage on every chunk: the last one is the total.
      if (chunk.usage) {
        usage = {
          inputTokens: chunk.usage.prompt_tokens,
          outputTokens: chunk.usage.completion_tokens,
          cachedInputTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
        }
      }
      const choice = chunk.choices[0]
      if (!choice) continue
      const text = choice.delta?.content
      if (text) {
        answer += text
        yield { type: 'delta', text }
      }
      if (choice.finish_reason) {
        stopReason = choice.finish_reason
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
      'The connection to the provider closed before the answer was complete. Try again.'
    )
  }
  yield { type: 'done', usage: usage ?? estimatedUsage(request, answer), stopReason }
}

async function listModels(connection: LlmConnection, signal?: AbortSignal) {
  try {
    const models = []
    for await (const model of client(connection, CALL_TIMEOUT_MS).models.list({ signal })) {
      models.push({ model: model.id })
    }
    return models.sort((a, b) => a.model.localeCompare(b.model))
  } catch (error) {
    throw toLlmError(error, signal)
  }
}

async function embed(
  connection: LlmConnection,
  model: string,
  texts: string[],
  signal?: AbortSignal
) {
  try {
    const response = await client(connection, CALL_TIMEOUT_MS).embeddings.create(
      // Floats, not the SDK's default base64: Ollama and others only send floats.
      { model, input: texts, encoding_format: 'float' },
      { signal }
    )
    return [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding)
  } catch (error) {
    throw toLlmError(error, signal, model)
  }
}

export const openaiProvider: LlmProvider = {
  key: 'openai',
  label: 'OpenAI-compatible (OpenAI, Ollama, vLLM, LM Studio, LiteLLM)',
  defaultBaseUrl: DEFAULT_BASE_URL,
  needsApiKey: false,
  listModels,
  countTokens,
  stream: (connection, request, signal) => stream(connection, request, signal),
  embed,
}
