import type { ActionContext } from '#tenancy/action_context'
import { actorOf, recordAudit } from '#services/audit'
import { appendEvent } from '#events/outbox'
import { hasChanges, type FieldChanges } from '#services/audit_diff'

export { diffChanges, pendingChanges, hasChanges, type FieldChanges } from '#services/audit_diff'

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

export interface Update extends Change {
  /** What changed: `diffChanges(before, after)` or `pendingChanges(model)` before saving. */
  changes: FieldChanges
}

/**
 * Records an update with what it changed (`details.changes`, shown as
 * "field: from → to" in the console). An update that changed nothing is not
 * recorded: returns false then.
 */
export async function recordUpdate(ctx: ActionContext, update: Update) {
  if (!hasChanges(update.changes)) return false
  const details = { ...update.details, changes: update.changes }
  await recordChange(ctx, {
    ...update,
    details,
    payload: update.payload ? { ...update.payload, changes: update.changes } : details,
  })
  return true
}
