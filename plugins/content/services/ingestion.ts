/*
| Ingestion runs as a domain-event consumer: durable (the outbox survives
| restarts), retried with backoff by the worker, and applied exactly once —
| its writes commit with the consumer's cursor, and ingestion_runs refuses a
| second run of the same version.
*/
import type { DomainEvent, ConsumerContext, EventConsumer } from '#events/types'
import { afterCommit, type TenantTransaction } from '#tenancy/with_tenant'
import { notifyUser } from '#services/live_updates'
import { contentCatalog } from './catalog.js'
import { chunkText } from './chunker.js'
import { hasVectorIndex, vectorLiteral } from './vector_index.js'

export interface IngestionSettings {
  chunkTokens: number
  chunkOverlap: number
  embeddingProvider: string
}

export async function ingestVersion(
  trx: TenantTransaction,
  tenantId: string,
  itemId: string,
  version: number,
  settings: IngestionSettings,
  progress: (update: { step: 'chunked' | 'embedded' | 'done'; chunks: number }) => void = () => {}
) {
  const run = await trx
    .from('ingestion_runs')
    .where({ content_item_id: itemId, version })
    .forUpdate()
    .first()
  if (!run || run.status !== 'pending') return
  const item = await trx.from('content_items').where('id', itemId).first()
  const finish = (fields: Record<string, unknown>) =>
    trx
      .from('ingestion_runs')
      .where({ content_item_id: itemId, version })
      .update({ finished_at: new Date(), ...fields })
  // A newer version supersedes this one; its own run indexes it.
  if (!item || version < item.current_version) return finish({ status: 'done' })

  const catalog = await contentCatalog(trx)
  const type = catalog.type(item.content_type)
  const source = await trx
    .from('content_versions')
    .where({ content_item_id: itemId, version })
    .first()
  const chunks = chunkText(source.body ?? '', {
    structure: type?.structure ?? 'text',
    targetTokens: settings.chunkTokens,
    overlapTokens: settings.chunkOverlap,
  })
  progress({ step: 'chunked', chunks: chunks.length })
  const embedder = catalog.embedder(settings.embeddingProvider)
  const vectors = await embedder.embed(chunks.map((chunk) => `${item.title}\n${chunk.body}`))
  progress({ step: 'embedded', chunks: chunks.length })

  await trx.from('content_chunks').where('content_item_id', itemId).delete()
  // With pgvector, the same embedding also goes to the HNSW-indexed vector column.
  const withVector = await hasVectorIndex(trx)
  for (const [index, chunk] of chunks.entries()) {
    await trx.rawQuery(
      `insert into content_chunks
         (tenant_id, content_item_id, version, position, heading, body, token_count,
          start_offset, end_offset, search, embedding${withVector ? ', embedding_vector' : ''})
       values (?, ?, ?, ?, ?, ?, ?, ?, ?,
         setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B'),
         ?::real[]${withVector ? ', ?::vector' : ''})`,
      [
        tenantId,
        itemId,
        version,
        chunk.position,
        chunk.heading,
        chunk.body,
        chunk.tokenCount,
        chunk.startOffset,
        chunk.endOffset,
        item.title,
        chunk.body,
        `{${vectors[index].join(',')}}`,
        ...(withVector ? [vectorLiteral(vectors[index])] : []),
      ]
    )
  }
  await finish({
    status: 'done',
    chunk_count: chunks.length,
    token_count: chunks.reduce((total, chunk) => total + chunk.tokenCount, 0),
  })
  progress({ step: 'done', chunks: chunks.length })
}

export function ingestionConsumer(
  settingsFor: (trx: TenantTransaction) => Promise<IngestionSettings>
): EventConsumer {
  return {
    name: 'content.ingestion',
    events: ['content.created', 'content.version_created'],
    plugin: 'content',
    async handle(event: DomainEvent, { trx, tenantId }: ConsumerContext) {
      const { itemId, version } = event.payload as { itemId: string; version: number }
      // The uploader sees each step live; the database stays the source of truth.
      const progress = (update: { step: string; chunks: number }) => {
        if (!event.actorId) return
        const actorId = event.actorId
        const send = () => notifyUser(actorId, 'ingestion', { itemId, version, ...update })
        // 'done' is announced once committed, so a client that re-reads finds the chunks.
        if (update.step === 'done') afterCommit(trx, send)
        else send()
      }
      await ingestVersion(trx, tenantId, itemId, version, await settingsFor(trx), progress)
    },
  }
}
