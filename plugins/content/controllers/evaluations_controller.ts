import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
import { NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import { parseJsonSet } from '../services/evaluation/dataset.js'
import { findJob, queueEvaluation, recentEvaluations } from '../services/evaluation/jobs.js'

export { recentEvaluations }

/* A run started here stays small; larger sets go through `node ace search:eval`. */
const LIMITS = { documents: 500, queries: 100 }

const refuse = (message: string) => new UnprocessableError([{ field: 'set', message }])

/**
 * Retrieval evaluations of this workspace's search: past runs and running
 * jobs, and a run on an uploaded set, started in the background (202).
 */
export default class EvaluationsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    return { data: await recentEvaluations(ctx.tenant.trx) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const file = ctx.request.file('set', { size: '5mb', extnames: ['json'] })
    if (!file || file.hasErrors) {
      throw refuse(file?.errors[0]?.message ?? 'Choose a labelled set (.json) to upload')
    }
    let source
    let set
    try {
      source = JSON.parse(await readFile(file.tmpPath!, 'utf8'))
      set = parseJsonSet(source)
    } catch (error) {
      throw refuse(`The set cannot be read: ${(error as Error).message}`)
    }
    if (set.documents.length > LIMITS.documents || set.queries.length > LIMITS.queries) {
      throw refuse(
        `Sets of up to ${LIMITS.documents} documents and ${LIMITS.queries} queries run here; use node ace search:eval --file for larger ones`
      )
    }
    const job = await queueEvaluation(ctx.tenant, source)
    ctx.response.header('location', `/api/v1/content/evaluations/jobs/${job.id}`)
    return ctx.response.accepted({ data: { jobId: job.id, status: job.status, dataset: set.name } })
  }

  /** A job's status and progress, as its starter follows it. */
  async job(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const job = await findJob(ctx.tenant.trx, ctx.params.id)
    if (!job) throw new NotFoundError('Evaluation job not found')
    return { data: job }
  }
}
