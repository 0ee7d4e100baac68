/*
| Runs one generation: the vendor's stream → the generation bus (live, for
| every reader on every instance) → the message row when it ends. It runs
| after the request that started it has committed and answered, and does not
| depend on any browser staying connected. It ends in exactly one of:
|   complete — the answer and the vendor's usage saved;
|   stopped  — aborted by a member: the partial answer kept, marked stopped;
|   failed   — a vendor or network error: no partial text, the error in plain words.
*/
import logger from '@adonisjs/core/services/logger'
import { withTenant } from '#tenancy/with_tenant'
import { LlmError, type ChatRequest, type LlmUsage } from './llm_contract.js'
import { calibrateTokenRatio, costOf, type ResolvedModel } from './model_catalog.js'
import { generationBus, type GenerationEvent } from './generation_bus.js'

export interface GenerationJob {
  tenantId: string
  messageId: string
  model: ResolvedModel
  request: ChatRequest
  /** The prompt's tokens as counted before sending (after calibration). */
  estimatedInput: number
}

/** Deltas are sent to the bus in small batches: a few per frame, not one per token. */
const FLUSH_MS = 30
const HEARTBEAT_MS = 5000

const running = new Map<string, AbortController>()
let listening = false

/** Generations running in this process (tests and shutdown wait on them). */
const settled = new Map<string, Promise<void>>()

function listenForAborts() {
  if (listening) return
  listening = true
  generationBus().onAbort((id) => running.get(id)?.abort())
}

/** Starts a generation in the background; the returned promise settles when it has ended. */
export function startGeneration(job: GenerationJob): Promise<void> {
  listenForAborts()
  const controller = new AbortController()
  running.set(job.messageId, controller)
  const done = runGeneration(job, controller.signal)
    .catch((error) => logger.error({ err: error, messageId: job.messageId }, 'generation crashed'))
    .finally(() => {
      running.delete(job.messageId)
      settled.delete(job.messageId)
    })
  settled.set(job.messageId, done)
  return done
}

/** Stops a generation on whichever instance runs it. */
export async function abortGeneration(messageId: string) {
  const local = running.get(messageId)
  if (local) local.abort()
  else await generationBus().requestAbort(messageId)
}

/**
 * Resolves when every generation this process runs has ended. With a deadline
 * (shutdown), those still running then are stopped: their partial answers are
 * saved as stopped rather than left to the sweep.
 */
export async function generationsSettled(deadlineMs?: number) {
  const timer = deadlineMs
    ? setTimeout(() => {
        for (const controller of running.values()) controller.abort()
      }, deadlineMs)
    : undefined
  try {
    while (settled.size > 0) await Promise.allSettled([...settled.values()])
  } finally {
    clearTimeout(timer)
  }
}

async function runGeneration(job: GenerationJob, signal: AbortSignal) {
  const bus = generationBus()
  await bus.markAlive(job.messageId)
  const heartbeat = setInterval(() => void bus.markAlive(job.messageId), HEARTBEAT_MS)
  let text = ''
  let pending: GenerationEvent[] = []
  let flushing = Promise.resolve()
  const flush = () => {
    const batch = pending
    pending = []
    if (batch.length === 0) return flushing
    const merged: GenerationEvent = {
      type: 'delta',
      text: batch.map((event) => (event.type === 'delta' ? event.text : '')).join(''),
    }
    flushing = flushing.then(() => bus.append(job.messageId, [merged]))
    return flushing
  }
  const timer = setInterval(() => void flush(), FLUSH_MS)

  let usage: LlmUsage | null = null
  let outcome: { status: 'complete' | 'stopped' | 'failed'; error: LlmError | null }
  try {
    const stream = job.model.provider.stream(job.model.connection, job.request, signal)
    for await (const event of stream) {
      if (event.type === 'delta') {
        text += event.text
        pending.push(event)
      } else {
        usage = event.usage
      }
    }
    outcome = signal.aborted
      ? { status: 'stopped', error: null }
      : { status: 'complete', error: null }
  } catch (error) {
    const failure =
      error instanceof LlmError
        ? error
        : new LlmError('unknown', 'The answer failed for a reason the provider did not give.')
    if (!(error instanceof LlmError)) logger.error({ err: error }, 'generation failed')
    outcome =
      failure.kind === 'aborted' || signal.aborted
        ? { status: 'stopped', error: null }
        : { status: 'failed', error: failure }
  } finally {
    clearInterval(timer)
    clearInterval(heartbeat)
  }
  await flush()

  const saved = await saveOutcome(job, outcome.status, text, usage, outcome.error)
  await bus.append(job.messageId, [
    {
      type: 'end',
      status: outcome.status,
      error: outcome.error ? { kind: outcome.error.kind, message: outcome.error.message } : null,
    },
  ])
  return saved
}

/**
 * Writes the end of a generation. A failed one keeps no partial text (nothing
 * half-saved); a stopped one keeps what came, with the usage the vendor
 * reported or, when it sent none before the stop, an estimate marked as such.
 */
async function saveOutcome(
  job: GenerationJob,
  status: 'complete' | 'stopped' | 'failed',
  text: string,
  usage: LlmUsage | null,
  error: LlmError | null
) {
  const { model } = job
  const estimated = !usage
  const counted: LlmUsage = usage ?? {
    inputTokens: status === 'failed' ? 0 : job.estimatedInput,
    outputTokens: status === 'failed' ? 0 : countOutput(model, text),
    cachedInputTokens: 0,
  }
  await withTenant(job.tenantId, async (trx) => {
    const updated = await trx
      .from('messages')
      .where('id', job.messageId)
      .where('status', 'streaming')
      .update({
        status,
        content: status === 'failed' ? '' : text,
        error: error ? JSON.stringify({ kind: error.kind, message: error.message }) : null,
        tokens_input: counted.inputTokens,
        tokens_output: counted.outputTokens,
        tokens_cached: counted.cachedInputTokens,
        tokens_total: counted.inputTokens + counted.outputTokens,
        cost: costOf(model, counted).toFixed(6),
        finished_at: trx.raw('now()'),
        metadata: trx.raw(`metadata || ?::jsonb`, [JSON.stringify({ usageEstimated: estimated })]),
      })
    if (updated && usage && status === 'complete') {
      const exact = model.provider.countTokens(model.model, 'x').exact
      if (!exact) {
        const raw = Math.round(job.estimatedInput / model.tokenRatio)
        await calibrateTokenRatio(trx, model.id, raw, usage.inputTokens)
      }
    }
  })
}

function countOutput(model: ResolvedModel, text: string) {
  const { tokens, exact } = model.provider.countTokens(model.model, text)
  return exact ? tokens : Math.ceil(tokens * model.tokenRatio)
}
