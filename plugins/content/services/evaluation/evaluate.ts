/*
| Retrieval evaluation: indexes a labelled set into a tenant project through
| the ordinary content pipeline, runs every query in every search mode, and
| scores the rankings beside two baselines measured in the same run:
| PostgreSQL ts_rank over whole documents, and a plain BM25.
*/
import Tenant from '#models/tenant'
import User from '#models/user'
import Program from '#models/program'
import Project from '#models/project'
import { resolveTenantKey, withTenant, type TenantTransaction } from '#tenancy/with_tenant'
import { actionContextFor } from '#tenancy/action_context'
import { makeEventWorker } from '#events/make_worker'
import type { EventWorker } from '#events/worker'
import { plural } from '#services/plural'
import { createContent } from '../content_service.js'
import { contentCatalog } from '../catalog.js'
import { fulltextSearch, hybridSearch, semanticSearch, type SearchHit } from '../search_service.js'
import { Bm25Index } from './bm25.js'
import { mean, scoreRanking } from './metrics.js'
import type { LabelledSet } from './dataset.js'

export interface ModeResult {
  mode: string
  recallAt10: number
  mrrAt10: number
  ndcgAt10: number
  medianMs: number
}

type Ranker = (trx: TenantTransaction, query: string) => Promise<string[]>

/** Where a run is: a percentage and what it is doing. */
export type ProgressReport = (update: { percent: number; step: string }) => unknown

const PROGRAM = 'Retrieval evaluation'

async function actorFor(tenantSlug: string, userId?: string) {
  const found = await resolveTenantKey(tenantSlug)
  if (!found) throw new Error(`No workspace "${tenantSlug}"`)
  return withTenant(found.id, async (trx) => {
    const tenant = await Tenant.query({ client: trx }).where('id', found.id).firstOrFail()
    const admins = User.query({ client: trx }).where({ role: 'admin', is_active: true })
    const admin = await (userId ? admins.where('id', userId) : admins.orderBy('created_at')).first()
    if (!admin) throw new Error(`Workspace "${tenantSlug}" has no active admin to act as`)
    return { tenant, admin }
  })
}

/** The set's project, with its documents imported (once) and ingested. */
async function prepareProject(
  set: LabelledSet,
  tenant: Tenant,
  admin: User,
  report: ProgressReport
) {
  const projectId = await withTenant(tenant.id, async (trx) => {
    const program =
      (await Program.query({ client: trx }).where('slug', 'retrieval-evaluation').first()) ??
      (await Program.create(
        { tenantId: tenant.id, name: PROGRAM, slug: 'retrieval-evaluation', createdBy: admin.id },
        { client: trx }
      ))
    const slug = `eval-${set.name}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-')
    const project =
      (await Project.query({ client: trx }).where({ program_id: program.id, slug }).first()) ??
      (await Project.create(
        {
          tenantId: tenant.id,
          programId: program.id,
          name: `Evaluation: ${set.name}`,
          slug,
          createdBy: admin.id,
        },
        { client: trx }
      ))
    return project.id
  })

  const documentIds = await itemsByDocument(set, tenant.id, projectId)
  const missing = set.documents.filter((document) => !documentIds.has(document.id))
  for (let start = 0; start < missing.length; start += 100) {
    await withTenant(tenant.id, async (trx) => {
      const ctx = actionContextFor(tenant, admin, trx)
      for (const document of missing.slice(start, start + 100)) {
        await createContent(ctx, {
          projectId,
          title: document.title,
          bytes: Buffer.from(document.text || document.title, 'utf8'),
          filename: `${set.name}-${document.id}.txt`,
        })
      }
    })
    const done = Math.min(start + 100, missing.length)
    await report({
      percent: Math.round((40 * done) / missing.length),
      step: `imported ${done} of ${plural(missing.length, 'document')}`,
    })
  }
  // Ingests this tenant's pending events only: never another tenant's work.
  const worker: EventWorker = await makeEventWorker({ batchSize: 2000 })
  const handled = await worker.runForTenant(tenant.id)
  await report({ percent: 50, step: `ingested ${plural(handled, 'pending event')}` })
  return { projectId, documentIds: await itemsByDocument(set, tenant.id, projectId) }
}

/** document id ↔ content item id, through the file name the import gave each item. */
async function itemsByDocument(set: LabelledSet, tenantId: string, projectId: string) {
  const rows = await withTenant(tenantId, (trx) =>
    trx
      .from('content_items')
      .where('project_id', projectId)
      .whereNull('deleted_at')
      .whereLike('original_filename', `${set.name}-%.txt`)
      .select('id', 'original_filename')
  )
  const prefix = `${set.name}-`
  return new Map(
    rows.map((row) => [row.original_filename.slice(prefix.length, -4) as string, row.id as string])
  )
}

/** Chunk hits → distinct documents, in rank order. */
function rankedDocuments(hits: SearchHit[], documentOf: Map<string, string>) {
  const ranked: string[] = []
  for (const hit of hits) {
    const document = documentOf.get(hit.itemId)
    if (document && !ranked.includes(document)) ranked.push(document)
  }
  return ranked
}

export async function evaluateRetrieval(options: {
  /** Workspace slug or domain. */
  tenant: string
  set: LabelledSet
  queryLimit?: number
  /** The admin the run acts as; the workspace's first admin when omitted. */
  userId?: string
  /** Called as the run advances (imports, ingestion, each mode). */
  progress?: ProgressReport
}): Promise<{ evaluationId: string; results: ModeResult[] }> {
  const report = options.progress ?? (() => {})
  const { set } = options
  const { tenant, admin } = await actorFor(options.tenant, options.userId)
  const { projectId, documentIds } = await prepareProject(set, tenant, admin, report)
  const documentOf = new Map([...documentIds].map(([document, item]) => [item, document]))
  const filters = { projectIds: [projectId] }
  const catalog = await withTenant(tenant.id, (trx) => contentCatalog(trx))
  const embedder = catalog.embedder('hashing-256')
  const bm25 = new Bm25Index(
    set.documents.map((document) => ({
      id: document.id,
      text: `${document.title} ${document.text}`,
    }))
  )
  const depth = 60

  const rankers: Record<string, Ranker> = {
    'fulltext': async (trx, q) =>
      rankedDocuments(await fulltextSearch(trx, q, filters, depth), documentOf),
    'semantic': async (trx, q) =>
      rankedDocuments(await semanticSearch(trx, q, filters, embedder, depth), documentOf),
    'hybrid': async (trx, q) =>
      rankedDocuments(
        await hybridSearch(trx, q, filters, embedder, { fulltext: 1, semantic: 1, k: 60 }, depth),
        documentOf
      ),
    'baseline: ts_rank': async (trx, q) => {
      const { rows } = await trx.rawQuery(
        `select i.id
           from content_items i
           join text_content t on t.content_item_id = i.id
           cross join lateral (
             select replace(websearch_to_tsquery('english', ?)::text, ' & ', ' | ')::tsquery as q,
                    to_tsvector('english', i.title || ' ' || t.body) as document
           ) ranked
          where i.project_id = ? and i.deleted_at is null and ranked.document @@ ranked.q
          order by ts_rank(ranked.document, ranked.q) desc, i.id
          limit 10`,
        [q, projectId]
      )
      return rows.map((row: { id: string }) => documentOf.get(row.id)!).filter(Boolean)
    },
    'baseline: BM25': async (_trx, q) => bm25.search(q, 10),
  }

  const queries = set.queries.slice(0, options.queryLimit ?? set.queries.length)
  const results: ModeResult[] = []
  const modes = Object.entries(rankers)
  for (const [mode, rank] of modes) {
    const scores = []
    const timings = []
    for (const query of queries) {
      const started = performance.now()
      const ranked = await withTenant(tenant.id, (trx) => rank(trx, query.text))
      timings.push(performance.now() - started)
      scores.push(scoreRanking(ranked, set.judgements.get(query.id), set.relevantFrom, 10))
    }
    timings.sort((a, b) => a - b)
    results.push({
      mode,
      recallAt10: mean(scores.map((score) => score.recall)),
      mrrAt10: mean(scores.map((score) => score.reciprocalRank)),
      ndcgAt10: mean(scores.map((score) => score.ndcg)),
      medianMs: timings[Math.floor(timings.length / 2)] ?? 0,
    })
    await report({
      percent: 50 + Math.round((50 * results.length) / modes.length),
      step: `${mode}: done`,
    })
  }
  const [stored] = await withTenant(tenant.id, (trx) =>
    trx
      .table('search_evaluations')
      .insert({
        tenant_id: tenant.id,
        dataset: set.name,
        document_count: set.documents.length,
        query_count: queries.length,
        results: JSON.stringify(results),
        created_by: admin.id,
      })
      .returning('id')
  )
  return { evaluationId: stored.id as string, results }
}
