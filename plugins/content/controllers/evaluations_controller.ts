import type { HttpContext } from '@adonisjs/core/http'
import { UnprocessableError } from '#exceptions/domain_errors'
import { loadJsonSet } from '../services/evaluation/dataset.js'
import { evaluateRetrieval } from '../services/evaluation/evaluate.js'

/* A run inside a request stays small; larger sets go through `node ace search:eval`. */
const LIMITS = { documents: 500, queries: 100 }

export async function recentEvaluations(trx: HttpContext['tenant']['trx']) {
  const rows = await trx.from('search_evaluations').orderBy('created_at', 'desc').limit(20)
  return rows.map((row) => ({
    id: row.id as string,
    dataset: row.dataset as string,
    documents: Number(row.document_count),
    queries: Number(row.query_count),
    results: row.results as {
      mode: string
      recallAt10: number
      mrrAt10: number
      ndcgAt10: number
      medianMs: number
    }[],
    createdAt: new Date(row.created_at).toISOString(),
  }))
}

/** Retrieval evaluations of this workspace's search: past runs, and a run on an uploaded set. */
export default class EvaluationsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    return { data: await recentEvaluations(ctx.tenant.trx) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const file = ctx.request.file('set', { size: '5mb', extnames: ['json'] })
    if (!file || file.hasErrors) {
      throw new UnprocessableError([
        {
          field: 'set',
          message: file?.errors[0]?.message ?? 'Choose a labelled set (.json) to upload',
        },
      ])
    }
    let set
    try {
      set = await loadJsonSet(file.tmpPath!)
    } catch (error) {
      throw new UnprocessableError([
        { field: 'set', message: `The set cannot be read: ${(error as Error).message}` },
      ])
    }
    if (set.documents.length > LIMITS.documents || set.queries.length > LIMITS.queries) {
      throw new UnprocessableError([
        {
          field: 'set',
          message: `Sets of up to ${LIMITS.documents} documents and ${LIMITS.queries} queries run here; use node ace search:eval --file for larger ones`,
        },
      ])
    }
    const results = await evaluateRetrieval({
      tenant: ctx.tenant.slug,
      set,
      userId: ctx.tenant.user.id,
    })
    return ctx.response.created({ data: { dataset: set.name, results } })
  }
}
