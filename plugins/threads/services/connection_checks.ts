/*
| Asking a vendor what a connection offers: the admin's "Test connection" and
| "Sync models". Both list the models with a deadline and record the outcome
| on the connection (last_checked_at, last_error) in words an admin can act on.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import { UnprocessableError } from '#exceptions/domain_errors'
import { LlmError, type ListedModel } from './llm_contract.js'
import { connectionFor, markChecked, type ConnectionRow } from './connections.js'
import type { ProviderCatalog } from './provider_catalog.js'

/* The request's transaction stays open while the vendor answers: keep the wait short. */
export const LIST_TIMEOUT_MS = 15_000

export type Listing = { ok: true; models: ListedModel[] } | { ok: false; error: string }

/** The connection's enabled provider, or a 422 naming `provider` (its plugin is off). */
export function providerOf(catalog: ProviderCatalog, connection: ConnectionRow) {
  const provider = catalog.find(connection.provider)
  if (!provider) {
    throw new UnprocessableError([
      {
        field: 'provider',
        message: `${catalog.labelOf(connection.provider)} is not enabled in this workspace: enable its plugin first`,
        rule: 'enabledProvider',
      },
    ])
  }
  return provider
}

/** Lists the vendor's models for the connection and records whether that worked. */
export async function listConnectionModels(
  trx: TenantTransaction,
  catalog: ProviderCatalog,
  row: ConnectionRow,
  timeoutMs = LIST_TIMEOUT_MS
): Promise<Listing> {
  const provider = providerOf(catalog, row)
  const connection = connectionFor(row, provider)
  let listing: Listing
  try {
    const models = await provider.listModels(connection, AbortSignal.timeout(timeoutMs))
    listing = { ok: true, models }
  } catch (error) {
    const words = plainError(error, connection.baseUrl, timeoutMs)
    listing = { ok: false, error: withoutSecret(words, connection.apiKey) }
  }
  await markChecked(trx, row.id, listing.ok ? null : listing.error)
  return listing
}

function plainError(error: unknown, baseUrl: string | null, timeoutMs: number) {
  const where = baseUrl ? ` at ${baseUrl}` : ''
  const name = (error as Error | undefined)?.name
  if (name === 'TimeoutError' || (error instanceof LlmError && error.kind === 'aborted')) {
    return `No answer from the vendor${where} within ${timeoutMs / 1000} seconds`
  }
  // A provider's errors are already in an admin's words ("The provider refused the API key…").
  if (error instanceof LlmError) {
    return error.kind === 'network' && baseUrl ? `${error.message} (${baseUrl})` : error.message
  }
  const message = error instanceof Error ? error.message : String(error)
  return `Listing the models failed${where}: ${message}`
}

/* Some vendors echo the key they refused; it must not reach a response or the database. */
function withoutSecret(text: string, apiKey: string | null) {
  const clipped = text.slice(0, 1000)
  return apiKey ? clipped.split(apiKey).join('…') : clipped
}
