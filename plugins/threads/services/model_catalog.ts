/*
| The models a generation may use, as the conversation code needs them:
| resolved with their provider and decrypted connection, the default model
| of a thread that names none, the tokenizer correction learned from the
| vendor's reported usage, and what a usage costs.
*/
import { UnprocessableError } from '#exceptions/domain_errors'
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { LlmConnection, LlmProvider } from './llm_contract.js'
import { connectionFor, type ConnectionRow } from './connections.js'
import { providerCatalog } from './provider_catalog.js'
import { serializeUsableModel } from './model_serializers.js'

export interface ResolvedModel {
  id: string
  /** The vendor's model id, sent in requests. */
  model: string
  displayName: string
  contextWindow: number
  maxOutput: number
  /** Prices per million tokens. */
  priceInput: number
  priceOutput: number
  priceCached: number
  /** Multiplies the provider's token estimate (1 when it counts exactly). */
  tokenRatio: number
  connectionId: string
  provider: LlmProvider
  /** The key decrypted, for this call only: never store or log it. */
  connection: LlmConnection
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const refuse = (message: string) =>
  new UnprocessableError([{ field: 'modelId', message, rule: 'usableModel' }])

/**
 * The enabled model for a generation; UnprocessableError naming `modelId` when
 * missing, disabled, its connection disabled or its provider plugin disabled
 * for the tenant.
 */
export async function resolveModel(
  trx: TenantTransaction,
  modelId: string
): Promise<ResolvedModel> {
  if (!UUID.test(modelId)) throw refuse('Choose a model of this workspace')
  const row = await trx
    .from('llm_models as m')
    .join('llm_connections as c', 'c.id', 'm.connection_id')
    .where('m.id', modelId)
    .select(
      'm.*',
      'c.name as connection_name',
      'c.provider',
      'c.base_url',
      'c.api_key_encrypted',
      'c.enabled as connection_enabled'
    )
    .first()
  if (!row) throw refuse('This model does not exist in this workspace')
  if (!row.enabled) {
    throw refuse(
      `${row.display_name} is disabled: choose another model or ask an admin to enable it`
    )
  }
  if (!row.connection_enabled) {
    throw refuse(`The connection "${row.connection_name}" of ${row.display_name} is disabled`)
  }
  const catalog = await providerCatalog(trx)
  const provider = catalog.find(row.provider)
  if (!provider) {
    throw refuse(
      `${catalog.labelOf(row.provider)} is not enabled in this workspace, so ${row.display_name} cannot be used`
    )
  }
  return {
    id: row.id,
    model: row.model,
    displayName: row.display_name,
    contextWindow: row.context_window,
    maxOutput: row.max_output,
    priceInput: Number(row.price_input),
    priceOutput: Number(row.price_output),
    priceCached: Number(row.price_cached),
    tokenRatio: Number(row.token_ratio),
    connectionId: row.connection_id,
    provider,
    connection: connectionFor(row as ConnectionRow, provider),
  }
}

/**
 * The models members may pick: enabled, of an enabled connection whose
 * provider plugin the tenant has enabled. A query to add columns and order to.
 */
export async function usableModelsQuery(trx: TenantTransaction) {
  const catalog = await providerCatalog(trx)
  const query = trx
    .from('llm_models as m')
    .join('llm_connections as c', 'c.id', 'm.connection_id')
    .where('m.enabled', true)
    .where('c.enabled', true)
    .whereIn(
      'c.provider',
      catalog.enabled.map((provider) => provider.key)
    )
  return { query, catalog }
}

/** The models a member may pick, by display name, as the API shows them. */
export async function usableModels(trx: TenantTransaction) {
  const { query, catalog } = await usableModelsQuery(trx)
  const rows = await query.orderByRaw('lower(m.display_name), m.id').select('m.*', 'c.provider')
  return rows.map((row) => serializeUsableModel(row, catalog))
}

/** The first enabled model (by display name) or null: a thread without a model uses it. */
export async function defaultModelId(trx: TenantTransaction): Promise<string | null> {
  const { query } = await usableModelsQuery(trx)
  const row = await query.orderByRaw('lower(m.display_name), m.id').select('m.id').first()
  return row?.id ?? null
}

/* How far one observation moves the ratio: smooth enough that one odd answer does not swing it. */
const SMOOTHING = 0.2
const RATIO_BOUNDS = [0.5, 2] as const

const clamp = (value: number) => Math.min(RATIO_BOUNDS[1], Math.max(RATIO_BOUNDS[0], value))

/**
 * Moves the model's token_ratio toward reported/estimated (exponential moving
 * average, clamped to [0.5, 2]). `estimated` is the provider's own count, before
 * the ratio; `reported` what the vendor billed. Nonsense (≤ 0) is ignored.
 */
export async function calibrateTokenRatio(
  trx: TenantTransaction,
  modelId: string,
  estimated: number,
  reported: number
): Promise<void> {
  if (!(estimated > 0) || !(reported > 0) || !UUID.test(modelId)) return
  const observed = clamp(reported / estimated)
  // In one statement: concurrent generations each move the current value.
  await trx
    .from('llm_models')
    .where('id', modelId)
    .update({
      token_ratio: trx.raw('least(?::real, greatest(?::real, token_ratio * ?::real + ?::real))', [
        RATIO_BOUNDS[1],
        RATIO_BOUNDS[0],
        1 - SMOOTHING,
        observed * SMOOTHING,
      ]),
    })
}

/** Cost in currency units of a usage at the model's prices (per million tokens). */
export function costOf(
  model: Pick<ResolvedModel, 'priceInput' | 'priceOutput' | 'priceCached'>,
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number }
): number {
  const cached = Math.max(0, usage.cachedInputTokens)
  const uncached = Math.max(0, usage.inputTokens - cached)
  return (
    (uncached * model.priceInput +
      cached * model.priceCached +
      Math.max(0, usage.outputTokens) * model.priceOutput) /
    1_000_000
  )
}
