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

/**
 * What an item whose content yields no text (an image, a scanned PDF) is found by:
 * its title, its file name (also as words: "harbour-crane.png" → "harbour crane"),
 * its description, and the title, description and alt text its file carries.
 */
export function nameAndDescriptionText(item: Record<string, any>) {
  const filename: string = item.original_filename ?? ''
  const filenameWords = filename.replace(/\.[^.]*$/, '').replace(/[-_.+]+/g, ' ')
  const about = item.metadata ?? {}
  const parts = [
    item.title,
    filename,
    filenameWords,
    item.description,
    about.title,
    about.description,
    about.altText,
  ]
  const texts = parts.filter((part): part is string => typeof part === 'string' && !!part.trim())
  return [...new Set(texts.map((part) => part.trim()))].join('\n')
}

/**
 * The words inside code identifiers ("solveBoundaryLayer", "max_retry_count" →
 * "solve Boundary Layer max retry count"), indexed beside the code so a search for
 * "boundary" finds it; PostgreSQL's parser keeps an identifier as one word.
 */
export function identifierWords(code: string) {
  const identifiers = code.match(/[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*/g)
  return (identifiers ?? [])
    .map((identifier) => identifier.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2'))
    .join(' ')
}

export interface IngestionSettings {
  chunkTokens: number
  chunkOverlap: number
  embeddingProvider: string
}

type Progress = (update: {
  step: 'chunked' | 'embedded' | 'done'
  chunks: number
  textStatus?: 'indexed' | 'none'
}) => void

/**
 * Chunks, embeds and indexes one version of the item, replacing its chunks. The
 * item's title is part of every chunk's index, and an item without text is indexed
 * by its name and description: both are re-indexed when they change.
 */
async function indexVersion(
  trx: TenantTransaction,
  tenantId: string,
  item: Record<string, any>,
  version: number,
  settings: IngestionSettings,
  progress: Progress
) {
  const catalog = await contentCatalog(trx)
  const type = catalog.type(item.content_type)
  const source = await trx
    .from('content_versions')
    .where({ content_item_id: item.id, version })
    .first()
  const body: string = source.body ?? ''
  const hasText = body.trim() !== ''
  const chunks = hasText
    ? chunkText(body, {
        structure: type?.structure ?? 'text',
        targetTokens: settings.chunkTokens,
        overlapTokens: settings.chunkOverlap,
      })
    : // No text: one passage of its name and description, placed at the start of
      // the (empty) text, so the item is still found by what it is called.
      chunkText(nameAndDescriptionText(item), {
        structure: 'text',
        targetTokens: settings.chunkTokens,
        overlapTokens: 0,
      }).map((chunk) => ({ ...chunk, startOffset: 0, endOffset: 0 }))
  progress({ step: 'chunked', chunks: chunks.length })
  const embedder = catalog.embedder(settings.embeddingProvider)
  const vectors = await embedder.embed(chunks.map((chunk) => `${item.title}\n${chunk.body}`))
  progress({ step: 'embedded', chunks: chunks.length })

  await trx.from('content_chunks').where('content_item_id', item.id).delete()
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
        item.id,
        version,
        chunk.position,
        chunk.heading,
        chunk.body,
        chunk.tokenCount,
        chunk.startOffset,
        chunk.endOffset,
        item.title,
        type?.structure === 'code' ? `${chunk.body}\n${identifierWords(chunk.body)}` : chunk.body,
        `{${vectors[index].join(',')}}`,
        ...(withVector ? [vectorLiteral(vectors[index])] : []),
      ]
    )
  }
  return { chunks, hasText }
}

export async function ingestVersion(
  trx: TenantTransaction,
  tenantId: string,
  itemId: string,
  version: number,
  settings: IngestionSettings,
  progress: Progress = () => {}
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

  const { chunks, hasText } = await indexVersion(trx, tenantId, item, version, settings, progress)
  await finish({
    status: 'done',
    chunk_count: chunks.length,
    token_count: chunks.reduce((total, chunk) => total + chunk.tokenCount, 0),
  })
  progress({ step: 'done', chunks: chunks.length, textStatus: hasText ? 'indexed' : 'none' })
}

/**
 * A renamed or re-described item is re-indexed from its current version, when that
 * version was indexed already (a pending run reads the new name itself).
 */
export async function reindexItem(
  trx: TenantTransaction,
  tenantId: string,
  itemId: string,
  settings: IngestionSettings
) {
  const item = await trx.from('content_items').where('id', itemId).first()
  if (!item) return
  const run = await trx
    .from('ingestion_runs')
    .where({ content_item_id: itemId, version: item.current_version })
    .forUpdate()
    .first()
  if (run?.status !== 'done') return
  const { chunks } = await indexVersion(
    trx,
    tenantId,
    item,
    item.current_version,
    settings,
    () => {}
  )
  await trx
    .from('ingestion_runs')
    .where({ content_item_id: itemId, version: item.current_version })
    .update({
      chunk_count: chunks.length,
      token_count: chunks.reduce((total, chunk) => total + chunk.tokenCount, 0),
    })
}

export function ingestionConsumer(
  settingsFor: (trx: TenantTransaction) => Promise<IngestionSettings>
): EventConsumer {
  return {
    name: 'content.ingestion',
    events: ['content.created', 'content.version_created', 'content.renamed', 'content.described'],
    plugin: 'content',
    async handle(event: DomainEvent, { trx, tenantId }: ConsumerContext) {
      const { itemId, version } = event.payload as { itemId: string; version: number }
      if (event.type === 'content.renamed' || event.type === 'content.described') {
        return reindexItem(trx, tenantId, itemId, await settingsFor(trx))
      }
      // The uploader sees each step live; the database stays the source of truth.
      const progress = (update: { step: string; chunks: number; textStatus?: string }) => {
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
