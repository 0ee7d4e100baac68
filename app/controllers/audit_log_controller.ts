import type { HttpContext } from '@adonisjs/core/http'
import { auditQueryValidator } from '#validators/users'
import { listAuditEntries } from '#services/queries/audit_log'

/** The tenant's audit log, newest first, filtered by actor, action and date. */
export default class AuditLogController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const filters = await ctx.request.validateUsing(auditQueryValidator, { data: ctx.request.qs() })
    return listAuditEntries(ctx.tenant.trx, filters)
  }
}
