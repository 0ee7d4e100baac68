import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { Neo4jClient } from '#graph/neo4j_client'
import { checkServices } from '#services/health_checks'
import { listAuditEntries } from '#services/queries/audit_log'

const count = (row: { total: string | number } | undefined) => Number(row?.total ?? 0)

export default class AdminDashboardController {
  async show(ctx: HttpContext) {
    const { trx } = ctx.tenant
    const users = await trx.from('users').where('is_active', true).count('* as total').first()
    const programs = await trx.from('programs').whereNull('archived_at').count('* as total').first()
    const projects = await trx.from('projects').whereNull('archived_at').count('* as total').first()
    const active = await trx
      .from('user_activity')
      .where('created_at', '>=', trx.raw(`now() - interval '7 days'`))
      .countDistinct('user_id as total')
      .first()
    const { services } = await checkServices(await app.container.make(Neo4jClient))
    const recent = await listAuditEntries(trx, { perPage: 10 })
    return ctx.inertia.render('admin/dashboard', {
      counts: {
        users: count(users),
        programs: count(programs),
        projects: count(projects),
        activeMembersThisWeek: count(active),
      },
      services,
      recentAudit: recent.data.map(({ id, action, actor, createdAt }) => ({
        id,
        action,
        actor: { name: actor.name, type: actor.type },
        createdAt,
      })),
    })
  }
}
