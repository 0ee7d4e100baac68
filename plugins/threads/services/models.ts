/*
| The models of a tenant's connections (llm_models): listed by the vendor or
| added by hand, with what the admin sets. Every function runs in the caller's
| tenant transaction.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { ListedModel } from './llm_contract.js'

export interface ModelRow {
  id: string
  tenant_id: string
  connection_id: string
  model: string
  display_name: string
  context_window: number
  max_output: number
  price_input: string
  price_output: string
  price_cached: string
  enabled: boolean
  source: 'listed' | 'manual'
  token_ratio: number
  created_at: Date
  updated_at: Date
}

/** What a vendor that does not say gets: a window every current chat model has, a modest answer. */
export const DEFAULT_CONTEXT_WINDOW = 8192
export const DEFAULT_MAX_OUTPUT = 4096

/** A max output that leaves room for a prompt: below the window, a quarter of it when unknown. */
export function fittingMaxOutput(contextWindow: number, maxOutput: number | undefined) {
  const wanted = maxOutput ?? DEFAULT_MAX_OUTPUT
  return wanted < contextWindow ? wanted : Math.max(1, Math.floor(contextWindow / 4))
}

export interface ModelFields {
  displayName?: string
  contextWindow?: number
  maxOutput?: number
  priceInput?: number
  priceOutput?: number
  priceCached?: number
  enabled?: boolean
}

const COLUMNS: Record<keyof ModelFields, keyof ModelRow> = {
  displayName: 'display_name',
  contextWindow: 'context_window',
  maxOutput: 'max_output',
  priceInput: 'price_input',
  priceOutput: 'price_output',
  priceCached: 'price_cached',
  enabled: 'enabled',
}

function columnsOf(fields: ModelFields) {
  const values: Record<string, unknown> = {}
  for (const [field, column] of Object.entries(COLUMNS)) {
    const value = fields[field as keyof ModelFields]
    if (value !== undefined) values[column] = value
  }
  return values
}

/** The models of the given connections (all when omitted), by display name. */
export async function modelsOfConnections(
  trx: TenantTransaction,
  connectionIds?: string[]
): Promise<ModelRow[]> {
  const query = trx.from('llm_models').orderByRaw('lower(display_name), model').select('*')
  if (connectionIds) query.whereIn('connection_id', connectionIds)
  return query
}

export async function findModel(trx: TenantTransaction, id: string): Promise<ModelRow | null> {
  return (await trx.from('llm_models').where('id', id).first()) ?? null
}

export async function modelTaken(trx: TenantTransaction, connectionId: string, model: string) {
  return Boolean(
    await trx.from('llm_models').where({ connection_id: connectionId, model }).first()
  )
}

export async function insertModel(
  trx: TenantTransaction,
  model: ModelFields & { tenantId: string; connectionId: string; model: string }
): Promise<ModelRow> {
  const contextWindow = model.contextWindow ?? DEFAULT_CONTEXT_WINDOW
  const [row] = await trx
    .table('llm_models')
    .insert({
      ...columnsOf(model),
      tenant_id: model.tenantId,
      connection_id: model.connectionId,
      model: model.model,
      display_name: model.displayName ?? model.model,
      context_window: contextWindow,
      max_output: fittingMaxOutput(contextWindow, model.maxOutput),
      source: 'manual',
    })
    .returning('*')
  return row
}

export async function updateModel(
  trx: TenantTransaction,
  id: string,
  change: ModelFields
): Promise<ModelRow> {
  const [row] = await trx
    .from('llm_models')
    .where('id', id)
    .update({ ...columnsOf(change), updated_at: trx.raw('now()') })
    .returning('*')
  return row
}

/** Removes the model; threads and messages naming it keep going without it (set null). */
export async function deleteModel(trx: TenantTransaction, id: string) {
  await trx.from('llm_models').where('id', id).delete()
}

export interface SyncOutcome {
  /** Listed now and new here: added disabled. */
  added: number
  /** Listed and already here: left as the admin set them. */
  kept: number
  /** Listed before, no longer listed: kept (the admin may delete them). */
  missing: number
  addedModels: string[]
  missingModels: string[]
}

/**
 * Merges a vendor's listing into the connection's models. New ones start
 * disabled with the vendor's name and window (or defaults); rows already here
 * are never touched, so an admin's names, prices and switches survive every
 * sync; a listed model that vanished stays until an admin deletes it.
 */
export async function mergeListing(
  trx: TenantTransaction,
  tenantId: string,
  connectionId: string,
  listing: ListedModel[]
): Promise<SyncOutcome> {
  const existing = await trx
    .from('llm_models')
    .where('connection_id', connectionId)
    .select('model', 'source')
  const known = new Set(existing.map((row) => row.model as string))
  const listed = new Map<string, ListedModel>()
  for (const entry of listing) {
    const model = entry.model?.trim()
    if (model && model.length <= 200 && !listed.has(model)) listed.set(model, entry)
  }

  const fresh = [...listed.values()].filter((entry) => !known.has(entry.model.trim()))
  const rows = fresh.map((entry) => {
    const contextWindow = positive(entry.contextWindow) ?? DEFAULT_CONTEXT_WINDOW
    return {
      tenant_id: tenantId,
      connection_id: connectionId,
      model: entry.model.trim(),
      display_name: entry.displayName?.trim().slice(0, 200) || entry.model.trim(),
      context_window: contextWindow,
      max_output: fittingMaxOutput(contextWindow, positive(entry.maxOutput)),
      enabled: false,
      source: 'listed',
    }
  })
  // A concurrent sync may have added some meanwhile: those count as kept.
  const inserted = rows.length
    ? await trx.table('llm_models').insert(rows).onConflict(['connection_id', 'model']).ignore().returning('model')
    : []
  const addedModels = inserted.map((row: { model: string }) => row.model).sort()
  const missingModels = existing
    .filter((row) => row.source === 'listed' && !listed.has(row.model))
    .map((row) => row.model as string)
    .sort()
  return {
    added: addedModels.length,
    kept: listed.size - addedModels.length,
    missing: missingModels.length,
    addedModels,
    missingModels,
  }
}

/** A vendor's number when it is a usable positive integer. */
function positive(value: number | undefined) {
  return Number.isInteger(value) && value! > 0 && value! <= 2_000_000_000 ? value : undefined
}
