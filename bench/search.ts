/*
| Search benchmark: a deterministic corpus of 100,000 chunks (× --scale);
| p50/p95 latency of full-text, semantic (exact) and hybrid search through the
| service, each beside the bare SQL query measured in the same run; recall of
| approximate vector search where pgvector exists; ingestion throughput of the
| whole pipeline beside a bare INSERT of the same text.
*/
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Program from '#models/program'
import Project from '#models/project'
import { createTenant } from '#services/tenant_onboarding'
import { withTenant } from '#tenancy/with_tenant'
import { actionContextFor } from '#tenancy/action_context'
import { makeEventWorker } from '#events/make_worker'
import { createContent } from '../plugins/content/services/content_service.js'
import { hashingEmbeddingProvider, hashingVector } from '../plugins/content/services/embeddings.js'
import {
  fulltextSearch,
  hybridSearch,
  semanticSearch,
} from '../plugins/content/services/search_service.js'
import { random, table, timed, vocabulary } from './support.js'
import { hnswRecallOnPglite } from './vector_recall.js'

const CHUNKS = 100_000
const ITEMS = 100
const WORDS_PER_CHUNK = 90

export default async function searchBenchmark({
  scale,
  log,
}: {
  scale: number
  log: (line: string) => void
}) {
  const next = random(42)
  const words = vocabulary(20_000, next)
  const { tenant, admin } = await createTenant({
    name: 'Bench',
    slug: 'bench',
    admin: { email: 'bench@example.test', fullName: 'Bench', password: 'benchmark-password' },
  })
  const projectId = await withTenant(tenant.id, async (trx) => {
    const program = await Program.create(
      { tenantId: tenant.id, name: 'Bench', slug: 'bench', createdBy: admin.id },
      { client: trx }
    )
    const project = await Project.create(
      {
        tenantId: tenant.id,
        programId: program.id,
        name: 'Bench',
        slug: 'bench',
        createdBy: admin.id,
      },
      { client: trx }
    )
    return project.id
  })

  const total = Math.round(CHUNKS * scale)
  const perItem = Math.ceil(total / ITEMS)
  log(`building ${total.toLocaleString('en')} chunks in ${ITEMS} items…`)
  const started = performance.now()
  for (let itemIndex = 0; itemIndex < ITEMS; itemIndex++) {
    await withTenant(tenant.id, async (trx) => {
      const title = `Bench document ${itemIndex} ${words.word()} ${words.word()}`
      const [item] = await trx
        .table('content_items')
        .insert({
          tenant_id: tenant.id,
          project_id: projectId,
          content_type: 'text',
          title,
          mime_type: 'text/plain',
          sha256: itemIndex.toString(16).padStart(64, '0'),
          created_by: admin.id,
        })
        .returning('id')
      for (let start = 0; start < perItem; start += 400) {
        const rows: string[] = []
        const bindings: any[] = []
        for (let position = start; position < Math.min(start + 400, perItem); position++) {
          const body = Array.from({ length: WORDS_PER_CHUNK }, () => words.word()).join(' ')
          rows.push(
            `(?, ?, 1, ?, ?, ?, 0, ?, setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B'), ?::real[])`
          )
          bindings.push(
            tenant.id,
            item.id,
            position,
            body,
            WORDS_PER_CHUNK,
            body.length,
            title,
            body,
            `{${hashingVector(`${title}\n${body}`).join(',')}}`
          )
        }
        await trx.rawQuery(
          `insert into content_chunks (tenant_id, content_item_id, version, position, body, token_count,
             start_offset, end_offset, search, embedding) values ${rows.join(',')}`,
          bindings
        )
      }
    })
  }
  await db.connection('owner').rawQuery('analyze content_chunks')
  log(`corpus built in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const queries = Array.from(
    { length: 40 },
    () =>
      `${words.list[200 + Math.floor(next() * 3000)]} ${words.list[200 + Math.floor(next() * 3000)]}`
  )
  const filters = { projectIds: [projectId] }
  const inTenant = <T>(work: (trx: any) => Promise<T>) => withTenant(tenant.id, work)
  const vectorOf = (q: string) => `{${hashingVector(q).join(',')}}`
  const bareFulltext = (trx: any, q: string) =>
    trx.rawQuery(
      `select id from content_chunks where search @@ websearch_to_tsquery('english', ?)
        order by ts_rank_cd(search, websearch_to_tsquery('english', ?)) desc limit 10`,
      [q, q]
    )
  const bareSemantic = (trx: any, q: string) =>
    trx.rawQuery(
      `select id from content_chunks
        order by (select sum(a * b) from unnest(embedding, ?::real[]) as t(a, b)) desc limit 10`,
      [vectorOf(q)]
    )

  const rows: (string | number)[][] = [
    [
      'search',
      'runs',
      'service p50 ms',
      'service p95 ms',
      'bare SQL p50 ms',
      'bare SQL p95 ms',
      'p50 ratio',
    ],
  ]
  const measure = async (
    name: string,
    runs: number,
    service: (trx: any, q: string) => Promise<unknown>,
    bare: (trx: any, q: string) => Promise<unknown>
  ) => {
    await inTenant((trx) => service(trx, queries[0]))
    const serviceTimes = await timed(runs, (index) =>
      inTenant((trx) => service(trx, queries[index]))
    )
    const bareTimes = await timed(runs, (index) => inTenant((trx) => bare(trx, queries[index])))
    rows.push([
      name,
      runs,
      serviceTimes.p50.toFixed(1),
      serviceTimes.p95.toFixed(1),
      bareTimes.p50.toFixed(1),
      bareTimes.p95.toFixed(1),
      (serviceTimes.p50 / bareTimes.p50).toFixed(2),
    ])
    log(`measured ${name}`)
  }
  await measure('full-text', 40, (trx, q) => fulltextSearch(trx, q, filters, 10), bareFulltext)
  await measure(
    'semantic, exact',
    10,
    (trx, q) => semanticSearch(trx, q, filters, hashingEmbeddingProvider, 10, 0, { exact: true }),
    bareSemantic
  )
  const { rows: hasVector } = await db.rawQuery(
    `select 1 from pg_extension where extname = 'vector'`
  )
  if (hasVector.length) {
    await measure(
      'semantic, HNSW',
      40,
      (trx, q) => semanticSearch(trx, q, filters, hashingEmbeddingProvider, 10),
      (trx, q) =>
        trx.rawQuery(
          'select id from content_chunks order by embedding_vector <=> ?::vector limit 10',
          [`[${hashingVector(q).join(',')}]`]
        )
    )
  }
  await measure(
    'hybrid (RRF)',
    10,
    (trx, q) =>
      hybridSearch(
        trx,
        q,
        filters,
        hashingEmbeddingProvider,
        { fulltext: 1, semantic: 1, k: 60 },
        10
      ),
    async (trx, q) => {
      await bareFulltext(trx, q)
      await bareSemantic(trx, q)
    }
  )
  log('')
  log(table(rows))

  const { rows: extension } = await db.rawQuery(
    `select 1 from pg_extension where extname = 'vector'`
  )
  log('')
  if (extension.length) {
    let found = 0
    const sample = queries.slice(0, 20)
    for (const q of sample) {
      const exact = await inTenant((trx) =>
        semanticSearch(trx, q, filters, hashingEmbeddingProvider, 10, 0, { exact: true })
      )
      const approximate = await inTenant((trx) =>
        semanticSearch(trx, q, filters, hashingEmbeddingProvider, 10)
      )
      const expected = new Set(exact.map((hit) => hit.chunkId))
      found += approximate.filter((hit) => expected.has(hit.chunkId)).length
    }
    log(
      `HNSW recall@10 against exact search (this server's pgvector, ${total} chunks): ${(found / (sample.length * 10)).toFixed(3)}`
    )
  } else {
    // Same generator, same seed: a slice of the corpus, indexed in PGlite's real pgvector.
    const sliceSize = Math.min(total, Math.round(10_000 * Math.min(scale * 10, 1)))
    const slice = Array.from({ length: sliceSize }, () =>
      Array.from({ length: WORDS_PER_CHUNK }, () => words.word()).join(' ')
    )
    const recall = await hnswRecallOnPglite(slice, queries, hashingVector)
    log(
      `HNSW recall@10 against exact search (pgvector in PGlite, ${sliceSize.toLocaleString('en')} chunks, ${queries.length} queries; this server has no pgvector, so its searches are exact): ` +
        `${recall.app.toFixed(3)} with ef_search ${recall.efSearch} (the app's), ${recall.default40.toFixed(3)} with pgvector's default 40`
    )
  }

  // Ingestion: the whole pipeline (checks, versions, events, chunking, tokens, embeddings, index)
  // beside a bare INSERT of the same text.
  const documents = Array.from({ length: Math.max(20, Math.round(120 * scale)) }, (_, index) => {
    const paragraphs = Array.from(
      { length: 24 },
      () => Array.from({ length: 80 }, () => words.word()).join(' ') + '.'
    )
    return { title: `Ingest ${index}`, body: `# Ingest ${index}\n\n${paragraphs.join('\n\n')}\n` }
  })
  const megabytes =
    documents.reduce((sum, document) => sum + Buffer.byteLength(document.body), 0) / 1024 / 1024
  const user = await withTenant(tenant.id, (trx) =>
    User.query({ client: trx }).where('id', admin.id).firstOrFail()
  )
  const pipelineStarted = performance.now()
  await withTenant(tenant.id, async (trx) => {
    const ctx = actionContextFor(tenant, user, trx)
    for (const document of documents) {
      await createContent(ctx, {
        projectId,
        title: document.title,
        type: 'markdown',
        body: document.body,
      })
    }
  })
  const worker = await makeEventWorker({ batchSize: 10_000 })
  await worker.runUntilIdle()
  const pipelineSeconds = (performance.now() - pipelineStarted) / 1000
  const bareStarted = performance.now()
  await withTenant(tenant.id, async (trx) => {
    await trx.rawQuery(
      'create temporary table bare_documents (title text, body text) on commit drop'
    )
    for (const document of documents) {
      await trx.rawQuery('insert into bare_documents values (?, ?)', [
        document.title,
        document.body,
      ])
    }
  })
  const bareSeconds = (performance.now() - bareStarted) / 1000
  log('')
  log(
    table([
      ['ingestion', 'documents', 'MB', 'seconds', 'MB/s', 'ratio to bare INSERT'],
      [
        'pipeline',
        documents.length,
        megabytes.toFixed(2),
        pipelineSeconds.toFixed(2),
        (megabytes / pipelineSeconds).toFixed(2),
        (pipelineSeconds / bareSeconds).toFixed(1),
      ],
      [
        'bare INSERT',
        documents.length,
        megabytes.toFixed(2),
        bareSeconds.toFixed(2),
        (megabytes / bareSeconds).toFixed(2),
        '1.0',
      ],
    ])
  )
}
