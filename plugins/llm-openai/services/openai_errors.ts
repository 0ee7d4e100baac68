/*
| The OpenAI SDK's errors (and OpenAI-compatible servers' ones: Ollama, vLLM,
| LM Studio, LiteLLM answer with the same shapes) as the LlmError kinds the
| threads plugin shows members, each with a sentence a member can act on.
*/
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import { LlmError } from '#plugins/threads/services/llm_contract'

/** The vendor's own words, trimmed to a sentence or two, for the cases we cannot rephrase. */
function vendorWords(error: APIError) {
  const body = error.error as { message?: unknown } | undefined
  const text = typeof body?.message === 'string' ? body.message : error.message
  return text.length > 300 ? `${text.slice(0, 297)}...` : text
}

/** The error of an HTTP status (or, with none, of an in-stream error payload's type and code). */
function fromApiError(error: APIError, model: string | null): LlmError {
  const status = error.status ?? null
  const code = error.code ?? ''
  const type = error.type ?? ''
  const said = vendorWords(error)
  const modelName = model ? `"${model}"` : 'this model'

  if (status === 401 || code === 'invalid_api_key') {
    return new LlmError(
      'auth',
      `The provider refused the API key (401). An admin should check the connection.`,
      status
    )
  }
  if (status === 403) {
    return new LlmError(
      'auth',
      `The provider refused this request for this API key (403): ${said}`,
      status
    )
  }
  if (code === 'context_length_exceeded' || /maximum context length|context.length/i.test(said)) {
    return new LlmError(
      'context_length',
      `The conversation and its context are too long for ${modelName}. Remove some context or start a new thread.`,
      status
    )
  }
  if (code === 'insufficient_quota') {
    return new LlmError(
      'rate_limit',
      'The provider account has run out of quota. An admin should check its billing.',
      status
    )
  }
  if (
    status === 429 ||
    code === 'rate_limit_exceeded' ||
    type === 'tokens' ||
    type === 'requests'
  ) {
    return new LlmError(
      'rate_limit',
      'The provider is rate-limiting this account (429). Wait a moment and try again.',
      status
    )
  }
  if (status === 404 || code === 'model_not_found') {
    // Without a model (listing models) a 404 means nothing answers at that URL.
    const message = model
      ? `The provider does not know the model ${modelName} (404). An admin should check the model list and the connection’s base URL.`
      : 'Nothing answers at this base URL (404). An admin should check it: OpenAI-compatible servers usually end in /v1.'
    return new LlmError('not_found', message, status)
  }
  if (
    (status !== null && status >= 500) ||
    type === 'server_error' ||
    type === 'overloaded_error'
  ) {
    const what = status ? ` (${status})` : ''
    return new LlmError(
      'overloaded',
      `The provider had a problem answering${what}. Try again in a moment.`,
      status
    )
  }
  if (status === 400 || status === 422 || type === 'invalid_request_error') {
    return new LlmError('bad_request', `The provider refused the request: ${said}`, status)
  }
  return new LlmError('unknown', `The provider answered with an error: ${said}`, status)
}

/** Any error from a call to an OpenAI-compatible server, as one LlmError. */
export function toLlmError(error: unknown, signal?: AbortSignal, model: string | null = null) {
  if (error instanceof LlmError) return error
  if (signal?.aborted || error instanceof APIUserAbortError) {
    return new LlmError('aborted', 'The answer was stopped before it was complete.')
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmError('network', 'The provider did not answer in time. Try again in a moment.')
  }
  if (error instanceof APIConnectionError) {
    return new LlmError(
      'network',
      'Could not reach the provider. An admin should check the connection’s base URL and that the server is running.'
    )
  }
  if (error instanceof APIError) return fromApiError(error, model)
  const message = error instanceof Error ? error.message : String(error)
  return new LlmError('unknown', `The call to the provider failed: ${message}`)
}
