import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { Neo4jClient } from '#graph/neo4j_client'
import { checkServices } from '#services/health_checks'
import { listAuditEntries } from '#services/queries/audit_log'
import { workspaceCounts } from '#services/queries/dashboard'

export default class AdminDashboardController {
  async show(ctx: HttpContext) {
    const { trx } = ctx.tenant
    const counts = await workspaceCounts(trx)
    const { services } = await checkServices(await app.container.make(Neo4jClient))
    const recent = await listAuditEntries(trx, { perPage: 10 })
    return ctx.inertia.render('admin/dashboard', {
      counts,
      services,
      recentAudit: recent.data.map(({ id, action, label, actor, createdAt }) => ({
        id,
        action,
        label,
        actor: { name: actor.name, type: actor.type },
        createdAt,
      })),
    })
  }
}
