/*
| The exact record of what an answer's request held: the whole assembled
| prompt, part by part with its origin and tokens, in messages.context_snapshot
| (the request itself, byte for byte as the provider was given it), and one
| message_context_items row per content part (item, chunks, tokens, position,
| relevance, how it came in) for queries across messages.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { AssembledContext } from './context_builder.js'
import type { ResolvedModel } from './model_catalog.js'
import type { InclusionMethod } from './thread_content.js'

export const SNAPSHOT_VERSION = 1

export async function recordContext(
  trx: TenantTransaction,
  tenantId: string,
  messageId: string,
  model: ResolvedModel,
  assembled: AssembledContext,
  methods: Map<string, InclusionMethod>
) {
  const snapshot = {
    version: SNAPSHOT_VERSION,
    model: { id: model.id, model: model.model, displayName: model.displayName },
    window: assembled.window,
    reservedOutput: assembled.reservedOutput,
    available: assembled.available,
    used: assembled.used,
    byOrigin: assembled.byOrigin,
    parts: assembled.parts,
    dropped: assembled.dropped,
    warnings: assembled.warnings,
    request: assembled.request,
  }
  await trx
    .from('messages')
    .where('id', messageId)
    .update({ context_snapshot: JSON.stringify(snapshot) })

  const rows = assembled.parts
    .map((part, position) => ({ part, position }))
    .filter(({ part }) => part.itemId)
    .map(({ part, position }) => ({
      tenant_id: tenantId,
      message_id: messageId,
      context_position: position,
      content_item_id: part.itemId,
      chunk_ids: `{${(part.chunkIds ?? []).join(',')}}`,
      relevance_score: part.relevance ?? null,
      tokens_used: part.tokens,
      inclusion_method:
        part.origin === 'retrieved' ? 'semantic' : (methods.get(part.itemId!) ?? 'manual'),
    }))
  if (rows.length) await trx.table('message_context_items').insert(rows)
}

/** What one answer was given: the snapshot and the per-item record. */
export async function readContext(trx: TenantTransaction, messageId: string) {
  const message = await trx
    .from('messages')
    .where('id', messageId)
    .select('context_snapshot')
    .first()
  const items = await trx
    .from('message_context_items')
    .where('message_id', messageId)
    .orderBy('context_position')
    .select('*')
  return { snapshot: message?.context_snapshot ?? null, items }
}
