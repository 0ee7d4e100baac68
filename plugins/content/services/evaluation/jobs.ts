/*
| Evaluations started from the console run as background jobs: the request
| stores the set in evaluation_jobs and answers 202; once its transaction has
| committed, the job runs in this process, reporting its progress on the row.
| The job drains only its own tenant's events (ingestion of the set).
*/
import logger from '@adonisjs/core/services/logger'
import { afterCommit, withTenant, type TenantTransaction } from '#tenancy/with_tenant'
import type { TenantContext } from '#tenancy/tenant_context'
import { evaluateRetrieval, type ModeResult } from './evaluate.js'
import { parseJsonSet } from './dataset.js'

export type JobStatus = 'queued' | 'running' | 'done' | 'failed'

/** One entry of the console's list: a finished evaluation, or a job still running (or failed). */
export interface EvaluationEntry {
  id: string
  dataset: string
  status: JobStatus
  progress: number
  step: string
  error: string | null
  documents: number
  queries: number
  results: ModeResult[]
  createdAt: string
}

/** Progress is written at most this often (plus every status change). */
const PROGRESS_EVERY_MS = 500

/**
 * A job runs in the process that accepted it: one that has not reported for
 * this long died with its process (a restart) and is shown as failed.
 */
const SILENT_JOB_MS = 10 * 60_000

function statusOf(row: { status: JobStatus; updated_at: Date | string; error: string | null }) {
  const silent = Date.now() - new Date(row.updated_at).getTime() > SILENT_JOB_MS
  if ((row.status === 'queued' || row.status === 'running') && silent) {
    return {
      status: 'failed' as const,
      error: 'The run was interrupted (the server stopped); start it again',
    }
  }
  return { status: row.status, error: row.error }
}

/**
 * Queues a run of `source` (a parsed labelled set, checked by the caller) and
 * starts it once the request's transaction has committed.
 */
export async function queueEvaluation(tenant: TenantContext, source: Record<string, unknown>) {
  const set = parseJsonSet(source)
  const [job] = await tenant.trx
    .table('evaluation_jobs')
    .insert({
      tenant_id: tenant.id,
      dataset: set.name,
      labelled_set: JSON.stringify(source),
      document_count: set.documents.length,
      query_count: set.queries.length,
      created_by: tenant.user.id,
    })
    .returning(['id', 'status'])
  const tenantId = tenant.id
  afterCommit(tenant.trx, () => {
    // Not awaited: the request answers while the job runs.
    void runEvaluationJob(tenantId, job.id)
  })
  return { id: job.id as string, status: job.status as JobStatus }
}

/** Runs a queued job to its end; never throws (a failure is recorded on the job). */
export async function runEvaluationJob(tenantId: string, jobId: string) {
  const update = (fields: Record<string, unknown>) =>
    withTenant(tenantId, (trx) =>
      trx
        .from('evaluation_jobs')
        .where('id', jobId)
        .update({ ...fields, updated_at: new Date() })
    )
  try {
    const job = await withTenant(tenantId, async (trx) => {
      const row = await trx
        .from('evaluation_jobs')
        .where({ id: jobId, status: 'queued' })
        .forUpdate()
        .first()
      if (row) {
        await trx.from('evaluation_jobs').where('id', jobId).update({ status: 'running' })
      }
      return row
    })
    if (!job) return
    const tenant = await withTenant(tenantId, (trx) =>
      trx.from('tenants').where('id', tenantId).select('slug').firstOrFail()
    )
    let lastWrite = 0
    const { evaluationId } = await evaluateRetrieval({
      tenant: tenant.slug,
      set: parseJsonSet(job.labelled_set),
      userId: job.created_by ?? undefined,
      progress: async ({ percent, step }) => {
        if (Date.now() - lastWrite < PROGRESS_EVERY_MS && percent < 100) return
        lastWrite = Date.now()
        await update({ progress: Math.min(99, percent), step: step.slice(0, 200) })
      },
    })
    await update({
      status: 'done',
      progress: 100,
      step: 'done',
      evaluation_id: evaluationId,
      finished_at: new Date(),
    })
  } catch (error) {
    logger.warn({ err: error, jobId }, 'retrieval evaluation job failed')
    await update({
      status: 'failed',
      error: (error as Error).message.slice(0, 2000),
      finished_at: new Date(),
    }).catch((failure) => logger.error({ err: failure, jobId }, 'cannot record a failed job'))
  }
}

/** Finished evaluations and unfinished (or failed) jobs, newest first. */
export async function recentEvaluations(trx: TenantTransaction): Promise<EvaluationEntry[]> {
  const evaluations = await trx.from('search_evaluations').orderBy('created_at', 'desc').limit(20)
  const jobs = await trx
    .from('evaluation_jobs')
    .whereNot('status', 'done')
    .orderBy('created_at', 'desc')
    .limit(20)
    .select('id', 'dataset', 'status', 'progress', 'step', 'error')
    .select('document_count', 'query_count', 'created_at', 'updated_at')
  const entries: EvaluationEntry[] = [
    ...jobs.map((row) => ({
      id: row.id,
      dataset: row.dataset,
      ...statusOf(row),
      progress: Number(row.progress),
      step: row.step,
      documents: Number(row.document_count),
      queries: Number(row.query_count),
      results: [],
      createdAt: new Date(row.created_at).toISOString(),
    })),
    ...evaluations.map((row) => ({
      id: row.id as string,
      dataset: row.dataset as string,
      status: 'done' as const,
      progress: 100,
      step: 'done',
      error: null,
      documents: Number(row.document_count),
      queries: Number(row.query_count),
      results: row.results as ModeResult[],
      createdAt: new Date(row.created_at).toISOString(),
    })),
  ]
  return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/** One job, as its starter follows it. */
export async function findJob(trx: TenantTransaction, id: string) {
  const row = await trx.from('evaluation_jobs').where('id', id).first()
  if (!row) return null
  return {
    id: row.id as string,
    dataset: row.dataset as string,
    ...statusOf(row),
    progress: Number(row.progress),
    step: row.step as string,
    evaluationId: row.evaluation_id as string | null,
  }
}
