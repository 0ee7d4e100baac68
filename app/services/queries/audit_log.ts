import type { TenantTransaction } from '#tenancy/with_tenant'
import { auditActionLabel } from '#services/audit_actions'

export interface AuditFilters {
  actorId?: string
  action?: string
  from?: Date
  to?: Date
  page?: number
  perPage?: number
}

/** The tenant's audit log, newest first. `action` "project" matches every project.* action. */
export async function listAuditEntries(trx: TenantTransaction, filters: AuditFilters) {
  const page = filters.page ?? 1
  const perPage = filters.perPage ?? 50
  const query = trx
    .from('tenant_audit_log as log')
    .leftJoin('users', 'users.id', 'log.actor_id')
    .orderBy('log.created_at', 'desc')
    .orderBy('log.id', 'desc')
  if (filters.actorId) query.where('log.actor_id', filters.actorId)
  if (filters.action) {
    if (filters.action.includes('.')) query.where('log.action', filters.action)
    else query.whereLike('log.action', `${filters.action.replace(/[\\%_]/g, '\\$&')}.%`)
  }
  if (filters.from) query.where('log.created_at', '>=', filters.from)
  if (filters.to) query.where('log.created_at', '<=', filters.to)
  const result = await query
    .select(
      'log.id',
      'log.action',
      'log.actor_id',
      'log.actor_type',
      'log.subject_type',
      'log.subject_id',
      'log.details',
      'log.ip_address',
      'log.created_at',
      'users.full_name as actor_name',
      'users.email as actor_email'
    )
    .paginate(page, perPage)
  return {
    data: result.all().map((row) => ({
      id: row.id as string,
      action: row.action as string,
      /** What the console shows, e.g. "Program updated". */
      label: auditActionLabel(row.action),
      actor: {
        id: row.actor_id as string | null,
        type: row.actor_type as string,
        name: row.actor_name as string | null,
        email: row.actor_email as string | null,
      },
      subject: { type: row.subject_type as string | null, id: row.subject_id as string | null },
      /** `details.changes`: `{ field: { from, to } }` (or `{ redacted: true }`) for updates. */
      details: row.details as Record<string, unknown>,
      ipAddress: row.ip_address as string | null,
      createdAt: new Date(row.created_at).toISOString(),
    })),
    meta: { total: result.total, perPage, currentPage: page, lastPage: result.lastPage },
  }
}
