import type { ActionContext } from '#tenancy/action_context'
import type { TenantTransaction } from '#tenancy/with_tenant'

export interface AuditActor {
  tenantId: string
  actorId: string | null
  actorType: 'user' | 'operator' | 'system'
  ipAddress?: string | null
  userAgent?: string | null
}

export interface AuditEntry {
  action: string
  subjectType?: string
  subjectId?: string | null
  details?: Record<string, unknown>
}

/** The acting user of an authenticated request. */
export function actorOf(ctx: ActionContext): AuditActor {
  return {
    tenantId: ctx.tenant.id,
    actorId: ctx.tenant.user.id,
    actorType: 'user',
    ipAddress: ctx.request?.ip() ?? null,
    userAgent: ctx.request?.header('user-agent') ?? null,
  }
}

/** Writes one audit row in the caller's transaction, so it commits with the change. */
export async function recordAudit(trx: TenantTransaction, actor: AuditActor, entry: AuditEntry) {
  await trx.table('tenant_audit_log').insert({
    tenant_id: actor.tenantId,
    actor_id: actor.actorId,
    actor_type: actor.actorType,
    action: entry.action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    details: JSON.stringify(entry.details ?? {}),
    ip_address: actor.ipAddress ?? null,
    user_agent: actor.userAgent ?? null,
  })
  if (actor.actorType === 'user' && actor.actorId) {
    await trx.table('user_activity').insert({
      tenant_id: actor.tenantId,
      user_id: actor.actorId,
      action: entry.action,
      resource_type: entry.subjectType ?? null,
      resource_id: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ip_address: actor.ipAddress ?? null,
    })
  }
}
