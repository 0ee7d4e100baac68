/*
| Answers left "being written" by an instance that died mid-generation (a
| crash, a deploy): nobody keeps their heartbeat alive, so after a minute they
| are ended as failed, with a sentence saying so, and readers still waiting
| on them get their end event. Every instance sweeps; ending is idempotent
| (only a row still streaming is changed).
*/
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { withTenant } from '#tenancy/with_tenant'
import { generationBus } from './generation_bus.js'

const GRACE = '1 minute'
const INTERRUPTED = {
  kind: 'interrupted',
  message:
    'The answer was interrupted because the server stopped while writing it. Regenerate it to try again.',
}

export async function sweepInterruptedGenerations() {
  const bus = generationBus()
  const { rows } = await db.rawQuery('select id from app_list_tenants()')
  let ended = 0
  for (const { id: tenantId } of rows as { id: string }[]) {
    const dead = await withTenant(tenantId, async (trx) => {
      const streaming = await trx
        .from('messages')
        .where('status', 'streaming')
        .where('created_at', '<', trx.raw(`now() - interval '${GRACE}'`))
        .select('id')
      const ids: string[] = []
      for (const { id } of streaming) if (!(await bus.isAlive(id))) ids.push(id)
      if (ids.length === 0) return []
      await trx
        .from('messages')
        .whereIn('id', ids)
        .where('status', 'streaming')
        .update({
          status: 'failed',
          content: '',
          error: JSON.stringify(INTERRUPTED),
          finished_at: trx.raw('now()'),
        })
      return ids
    })
    for (const id of dead)
      await bus.append(id, [{ type: 'end', status: 'failed', error: INTERRUPTED }])
    ended += dead.length
  }
  if (ended) logger.warn({ ended }, 'ended interrupted generations')
  return ended
}

let timer: NodeJS.Timeout | undefined

export function startSweeping(everyMs = 120_000) {
  const sweep = () =>
    sweepInterruptedGenerations().catch((error) =>
      logger.error({ err: error }, 'sweeping interrupted generations failed')
    )
  void sweep()
  timer = setInterval(sweep, everyMs)
  timer.unref()
}

export function stopSweeping() {
  clearInterval(timer)
  timer = undefined
}
