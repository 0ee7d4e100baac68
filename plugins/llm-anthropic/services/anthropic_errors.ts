/*
| The Anthropic SDK's errors — HTTP errors and the `event: error` sent in the
| middle of a stream — as the LlmError kinds the threads plugin shows members,
| each with a sentence a member can act on.
*/
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk'
import { LlmError } from '#plugins/threads/services/llm_contract'

function vendorWords(error: APIError) {
  const text = error.apiMessage ?? error.message
  return text.length > 300 ? `${text.slice(0, 297)}...` : text
}

function fromApiError(error: APIError, model: string | null): LlmError {
  const status = error.status ?? null
  const type: string = error.type ?? ''
  const said = vendorWords(error)
  const modelName = model ? `"${model}"` : 'this model'

  if (status === 401 || type === 'authentication_error') {
    return new LlmError(
      'auth',
      'Anthropic refused the API key (401). An admin should check the connection.',
      status
    )
  }
  if (status === 403 || type === 'permission_error') {
    return new LlmError(
      'auth',
      `Anthropic refused this request for this API key (403): ${said}`,
      status
    )
  }
  if (status === 413 || type === 'request_too_large' || /prompt is too long/i.test(said)) {
    return new LlmError(
      'context_length',
      `The conversation and its context are too long for ${modelName}. Remove some context or start a new thread.`,
      status
    )
  }
  if (type === 'billing_error' || /credit balance is too low/i.test(said)) {
    return new LlmError(
      'rate_limit',
      'The Anthropic account has no credit left. An admin should check its billing.',
      status
    )
  }
  if (status === 429 || type === 'rate_limit_error') {
    return new LlmError(
      'rate_limit',
      'Anthropic is rate-limiting this account (429). Wait a moment and try again.',
      status
    )
  }
  if (status === 404 || type === 'not_found_error') {
    // Without a model (listing models) a 404 means nothing answers at that URL.
    const message = model
      ? `Anthropic does not know the model ${modelName} (404). An admin should check the model list.`
      : 'Nothing answers at this base URL (404). An admin should check it (by default https://api.anthropic.com, without /v1).'
    return new LlmError('not_found', message, status)
  }
  if (status === 529 || type === 'overloaded_error') {
    return new LlmError(
      'overloaded',
      'Anthropic is overloaded right now. Try again in a moment.',
      status
    )
  }
  if ((status !== null && status >= 500) || type === 'api_error') {
    const what = status ? ` (${status})` : ''
    return new LlmError(
      'overloaded',
      `Anthropic had a problem answering${what}. Try again in a moment.`,
      status
    )
  }
  if (status === 400 || type === 'invalid_request_error') {
    return new LlmError('bad_request', `Anthropic refused the request: ${said}`, status)
  }
  return new LlmError('unknown', `Anthropic answered with an error: ${said}`, status)
}

/** Any error from a call to Anthropic, as one LlmError. */
export function toLlmError(error: unknown, signal?: AbortSignal, model: string | null = null) {
  if (error instanceof LlmError) return error
  if (signal?.aborted || error instanceof APIUserAbortError) {
    return new LlmError('aborted', 'The answer was stopped before it was complete.')
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmError('network', 'Anthropic did not answer in time. Try again in a moment.')
  }
  if (error instanceof APIConnectionError) {
    return new LlmError(
      'network',
      'Could not reach Anthropic. An admin should check the connection’s base URL.'
    )
  }
  if (error instanceof APIError) return fromApiError(error, model)
  const message = error instanceof Error ? error.message : String(error)
  return new LlmError('unknown', `The call to Anthropic failed: ${message}`)
}
