import type { HttpContext } from '@adonisjs/core/http'
import { auditQueryValidator } from '#validators/users'

/** The tenant's audit log, newest first, filtered by actor, action and date. */
export default class AuditLogController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const filters = await ctx.request.validateUsing(auditQueryValidator, { data: ctx.request.qs() })
    const page = filters.page ?? 1
    const perPage = filters.perPage ?? 50
    const query = ctx.tenant.trx
      .from('tenant_audit_log as log')
      .leftJoin('users', 'users.id', 'log.actor_id')
      .orderBy('log.created_at', 'desc')
      .orderBy('log.id', 'desc')
    if (filters.actorId) query.where('log.actor_id', filters.actorId)
    if (filters.action) {
      // "project" matches every project.* action; "project.created" matches exactly.
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
        id: row.id,
        action: row.action,
        actor: {
          id: row.actor_id,
          type: row.actor_type,
          name: row.actor_name,
          email: row.actor_email,
        },
        subject: { type: row.subject_type, id: row.subject_id },
        details: row.details,
        ipAddress: row.ip_address,
        createdAt: row.created_at,
      })),
      meta: { total: result.total, perPage, currentPage: page, lastPage: result.lastPage },
    }
  }
}
