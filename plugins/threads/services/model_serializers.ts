/*
| Connections and models as clients see them. A connection's API key never
| appears: only whether there is one and its last four characters.
*/
import { apiKeyHint, type ConnectionRow } from './connections.js'
import type { ModelRow } from './models.js'
import type { ProviderCatalog } from './provider_catalog.js'
import type { LlmProvider } from './llm_contract.js'

const iso = (value: Date | null | undefined) => (value ? new Date(value).toISOString() : null)

export const serializeProvider = (provider: LlmProvider) => ({
  key: provider.key,
  label: provider.label,
  defaultBaseUrl: provider.defaultBaseUrl,
  needsApiKey: provider.needsApiKey,
})

export const serializeModel = (row: ModelRow) => ({
  id: row.id,
  connectionId: row.connection_id,
  model: row.model,
  displayName: row.display_name,
  contextWindow: row.context_window,
  maxOutput: row.max_output,
  priceInput: Number(row.price_input),
  priceOutput: Number(row.price_output),
  priceCached: Number(row.price_cached),
  enabled: row.enabled,
  source: row.source,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
})

export function serializeConnection(
  row: ConnectionRow,
  catalog: ProviderCatalog,
  models?: ModelRow[]
) {
  const provider = catalog.find(row.provider)
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    providerLabel: catalog.labelOf(row.provider),
    /** False when the tenant disabled the provider's plugin: its models are not offered. */
    providerEnabled: Boolean(provider),
    /** As the admin set it; null means the provider's default. */
    baseUrl: row.base_url,
    effectiveBaseUrl: row.base_url ?? provider?.defaultBaseUrl ?? null,
    hasApiKey: Boolean(row.api_key_encrypted),
    apiKeyHint: apiKeyHint(row.api_key_encrypted),
    enabled: row.enabled,
    lastCheckedAt: iso(row.last_checked_at),
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    models: models?.map(serializeModel),
  }
}

/** A model as members pick it: what it is, whose, how large, what it costs. */
export const serializeUsableModel = (row: ModelRow & { provider: string }, catalog: ProviderCatalog) => ({
  id: row.id,
  model: row.model,
  displayName: row.display_name,
  provider: row.provider,
  providerLabel: catalog.labelOf(row.provider),
  contextWindow: row.context_window,
  maxOutput: row.max_output,
  priceInput: Number(row.price_input),
  priceOutput: Number(row.price_output),
  priceCached: Number(row.price_cached),
})
