import type { HttpContext } from '@adonisjs/core/http'
import { listUsersValidator, auditQueryValidator } from '#validators/users'
import { listProjectsValidator } from '#validators/workspace'
import { listUsers, userNames, usersOutsideProject } from '#services/queries/users'
import { allPrograms } from '#services/queries/programs'
import { listAuditEntries } from '#services/queries/audit_log'
import { visibleProjects } from '#services/queries/projects'
import { loadProjectAccess } from '#services/project_access'
import { listProjectMembers } from '#services/queries/members'
import { tenantBranding } from '#services/tenant_settings'
import { tenantLimitsWithUsage } from '#services/tenant_usage'
import {
  paginated,
  serializeProgram,
  serializeProject,
  serializeUser,
} from '#transformers/serializers'

/** Admin console pages; they read here and write through the JSON API. */
export default class AdminPagesController {
  async users(ctx: HttpContext) {
    const filters = await ctx.request.validateUsing(listUsersValidator, { data: ctx.request.qs() })
    return ctx.inertia.render('admin/users', {
      filters: { search: filters.search ?? '', status: filters.status ?? 'all' },
      users: paginated(await listUsers(ctx.tenant.trx, { ...filters, perPage: 20 }), serializeUser),
    })
  }

  async projects(ctx: HttpContext) {
    const { trx, user } = ctx.tenant
    const filters = await ctx.request.validateUsing(listProjectsValidator, {
      data: ctx.request.qs(),
    })
    const programs = await allPrograms(trx)
    const projects = await visibleProjects(trx, user, { ...filters, perPage: 20 })
    return ctx.inertia.render('admin/projects', {
      filters: { programId: filters.programId ?? '', archived: filters.archived ?? 'exclude' },
      programs: programs.map(serializeProgram),
      projects: paginated(projects, serializeProject),
    })
  }

  async project(ctx: HttpContext) {
    const { trx } = ctx.tenant
    const { project } = await loadProjectAccess(ctx, ctx.params.id)
    const members = await listProjectMembers(trx, project.id)
    const candidates = await usersOutsideProject(trx, project.id)
    return ctx.inertia.render('admin/project', {
      project: serializeProject(project),
      members,
      candidates: candidates.map((candidate) => ({
        id: candidate.id,
        label: `${candidate.fullName} <${candidate.email}>`,
      })),
    })
  }

  async audit(ctx: HttpContext) {
    const filters = await ctx.request.validateUsing(auditQueryValidator, { data: ctx.request.qs() })
    const actors = await userNames(ctx.tenant.trx)
    const qs = ctx.request.qs()
    return ctx.inertia.render('admin/audit', {
      filters: {
        actorId: filters.actorId ?? '',
        action: filters.action ?? '',
        from: typeof qs.from === 'string' ? qs.from : '',
        to: typeof qs.to === 'string' ? qs.to : '',
      },
      actors,
      entries: await listAuditEntries(ctx.tenant.trx, {
        ...filters,
        perPage: filters.perPage ?? 25,
      }),
    })
  }

  async settings(ctx: HttpContext) {
    const { model, trx } = ctx.tenant
    return ctx.inertia.render('admin/settings', {
      settings: {
        name: model.name,
        slug: model.slug,
        domain: model.domain,
        branding: tenantBranding(model),
      },
      limits: await tenantLimitsWithUsage(trx, model),
    })
  }
}
