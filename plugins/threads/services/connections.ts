/*
| A tenant's connections to LLM vendors (llm_connections). Every function runs
| in the caller's tenant transaction: row-level security keeps them inside the
| workspace. The API key is encrypted with the app key on the way in and only
| decrypted to hand it to a provider for one call (or to show its last four
| characters); no function here returns it to a client.
*/
import encryption from '@adonisjs/core/services/encryption'
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { LlmConnection, LlmProvider } from './llm_contract.js'

export interface ConnectionRow {
  id: string
  tenant_id: string
  name: string
  provider: string
  base_url: string | null
  api_key_encrypted: string | null
  enabled: boolean
  last_checked_at: Date | null
  last_error: string | null
  created_by: string | null
  created_at: Date
  updated_at: Date
}

/* Binds the ciphertext to its use: a value encrypted for something else never decrypts as a key. */
const PURPOSE = 'llm-connection-api-key'

export function encryptApiKey(apiKey: string) {
  return encryption.encrypt(apiKey, { purpose: PURPOSE })
}

/** The stored key in clear, or null (none stored, or the app key changed since). */
export function decryptApiKey(stored: string | null) {
  if (!stored) return null
  return encryption.decrypt<string>(stored, PURPOSE) ?? null
}

/** "…abcd": enough for an admin to tell keys apart; nothing for a short key. */
export function apiKeyHint(stored: string | null) {
  const key = decryptApiKey(stored)
  return key && key.length >= 12 ? `…${key.slice(-4)}` : null
}

/** What a provider receives for one call: the base URL to use and the key in clear. */
export function connectionFor(row: ConnectionRow, provider: LlmProvider): LlmConnection {
  return {
    baseUrl: row.base_url ?? provider.defaultBaseUrl,
    apiKey: decryptApiKey(row.api_key_encrypted),
  }
}

export async function listConnections(trx: TenantTransaction): Promise<ConnectionRow[]> {
  return trx.from('llm_connections').orderByRaw('lower(name)').select('*')
}

export async function findConnection(
  trx: TenantTransaction,
  id: string
): Promise<ConnectionRow | null> {
  return (await trx.from('llm_connections').where('id', id).first()) ?? null
}

/** Whether another connection has this name, whatever its case. */
export async function connectionNameTaken(trx: TenantTransaction, name: string, exceptId?: string) {
  const query = trx.from('llm_connections').whereRaw('lower(name) = lower(?)', [name])
  if (exceptId) query.whereNot('id', exceptId)
  return Boolean(await query.first())
}

export async function insertConnection(
  trx: TenantTransaction,
  connection: {
    tenantId: string
    name: string
    provider: string
    baseUrl: string | null
    apiKey: string | null
    enabled: boolean
    createdBy: string
  }
): Promise<ConnectionRow> {
  const [row] = await trx
    .table('llm_connections')
    .insert({
      tenant_id: connection.tenantId,
      name: connection.name,
      provider: connection.provider,
      base_url: connection.baseUrl,
      api_key_encrypted: connection.apiKey ? encryptApiKey(connection.apiKey) : null,
      enabled: connection.enabled,
      created_by: connection.createdBy,
    })
    .returning('*')
  return row
}

/** `apiKey`: undefined keeps the stored key, null clears it, a string replaces it. */
export async function updateConnection(
  trx: TenantTransaction,
  id: string,
  change: { name?: string; baseUrl?: string | null; apiKey?: string | null; enabled?: boolean }
): Promise<ConnectionRow> {
  const values: Record<string, unknown> = { updated_at: trx.raw('now()') }
  if (change.name !== undefined) values.name = change.name
  if (change.baseUrl !== undefined) values.base_url = change.baseUrl
  if (change.enabled !== undefined) values.enabled = change.enabled
  if (change.apiKey !== undefined) {
    values.api_key_encrypted = change.apiKey === null ? null : encryptApiKey(change.apiKey)
  }
  const [row] = await trx.from('llm_connections').where('id', id).update(values).returning('*')
  return row
}

/** Removes the connection; its models go with it (cascade), threads using them fall back. */
export async function deleteConnection(trx: TenantTransaction, id: string) {
  await trx.from('llm_connections').where('id', id).delete()
}

/** The outcome of the last test or listing: null error when it worked. */
export async function markChecked(trx: TenantTransaction, id: string, error: string | null) {
  await trx
    .from('llm_connections')
    .where('id', id)
    .update({ last_checked_at: trx.raw('now()'), last_error: error })
}
