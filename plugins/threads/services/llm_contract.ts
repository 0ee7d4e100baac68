/*
| What an LLM provider plugin implements to be offered to members: contributed
| to the threads plugin's `llm.providers` point (see extension_points.ts). A
| provider is stateless; each call receives the tenant's connection (base URL
| and decrypted key), so one provider serves every tenant and connection.
*/

/** A tenant's connection as a provider sees it (the key decrypted, for this call only). */
export interface LlmConnection {
  baseUrl: string | null
  apiKey: string | null
}

/** A model the vendor lists; what it does not say stays undefined (the admin fills it in). */
export interface ListedModel {
  model: string
  displayName?: string
  contextWindow?: number
  maxOutput?: number
}

export interface ChatTurn {
  role: 'user' | 'assistant'
  content: string
}

/** One request, fully assembled by the context builder: the provider sends exactly this. */
export interface ChatRequest {
  model: string
  /** The system part (instructions and context), or null. */
  system: string | null
  /** The conversation, oldest first, ending with the user's message. */
  turns: ChatTurn[]
  maxOutputTokens: number
  temperature?: number
}

export interface LlmUsage {
  inputTokens: number
  outputTokens: number
  /** Input tokens the vendor served from its prompt cache (billed at the cached price). */
  cachedInputTokens: number
}

/** What `stream` yields: text as it comes, then once the usage the vendor reported. */
export type StreamEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; usage: LlmUsage; stopReason: string | null }

/** How a provider counts a text for a model: exactly (the vendor's tokenizer) or an estimate. */
export interface TokenCount {
  tokens: number
  exact: boolean
}

/** Why a call failed, in terms the member can act on. */
export type LlmErrorKind =
  | 'auth'
  | 'rate_limit'
  | 'overloaded'
  | 'context_length'
  | 'bad_request'
  | 'not_found'
  | 'network'
  | 'aborted'
  | 'unknown'

/** The one error a provider throws: its vendor's errors mapped to a kind and a plain sentence. */
export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly status: number | null = null
  ) {
    super(message)
    this.name = 'LlmError'
  }
}

export interface LlmProvider {
  /** Stored in llm_connections.provider: lower-case letters, digits, dashes. */
  key: string
  label: string
  /** Filled in when an admin leaves the base URL empty; null when one is required. */
  defaultBaseUrl: string | null
  /** Whether a connection needs an API key (a local Ollama does not). */
  needsApiKey: boolean
  /** The models the vendor lists for this connection. */
  listModels(connection: LlmConnection, signal?: AbortSignal): Promise<ListedModel[]>
  /** Tokens of a text for a model. Synchronous: the context builder calls it often. */
  countTokens(model: string, text: string): TokenCount
  /**
   * Streams one completion. Throws LlmError (kind `aborted` when `signal`
   * aborted) before or during the stream; ends with exactly one `done`.
   */
  stream(
    connection: LlmConnection,
    request: ChatRequest,
    signal: AbortSignal
  ): AsyncIterable<StreamEvent>
  /** Embeddings through the vendor, where it offers them. */
  embed?(
    connection: LlmConnection,
    model: string,
    texts: string[],
    signal?: AbortSignal
  ): Promise<number[][]>
}
