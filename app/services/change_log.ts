import type { ActionContext } from '#tenancy/action_context'
import { actorOf, recordAudit } from '#services/audit'
import { appendEvent } from '#events/outbox'

export interface Change {
  /** e.g. 'project.archived': the audit action and the domain event type. */
  action: string
  subjectType: string
  subjectId: string
  /** What the audit entry shows. */
  details?: Record<string, unknown>
  /** What event consumers receive; defaults to the details. */
  payload?: Record<string, unknown>
}

/**
 * Records a change made by the request's user: an audit entry and the domain
 * event, both in the request's transaction, so they commit with the change.
 */
export async function recordChange(ctx: ActionContext, change: Change) {
  await recordAudit(ctx.tenant.trx, actorOf(ctx), {
    action: change.action,
    subjectType: change.subjectType,
    subjectId: change.subjectId,
    details: change.details,
  })
  await appendEvent(ctx.tenant.trx, {
    tenantId: ctx.tenant.id,
    type: change.action,
    aggregateType: change.subjectType,
    aggregateId: change.subjectId,
    payload: change.payload ?? change.details,
    actorId: ctx.tenant.user.id,
  })
}
