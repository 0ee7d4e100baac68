import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Project from '#models/project'
import Program from '#models/program'
import {
  createProjectValidator,
  listProjectsValidator,
  projectUpdateFields,
  updateProjectValidator,
} from '#validators/workspace'
import { paginated, serializeProject, slugify } from '#transformers/serializers'
import { pendingChanges, recordChange, recordUpdate } from '#services/change_log'
import { visibleProjects } from '#services/queries/projects'
import { loadProjectAccess } from '#services/project_access'
import { UnprocessableError } from '#exceptions/domain_errors'
import { assertUniqueProjectSlug } from '#services/unique_slug'
import { addProjectMember } from '#services/queries/members'

export default class ProjectsController {
  /** The projects the caller may see: all for tenant admins, else memberships and public ones. */
  async index({ request, tenant }: HttpContext) {
    const filters = await request.validateUsing(listProjectsValidator, { data: request.qs() })
    return paginated(await visibleProjects(tenant.trx, tenant.user, filters), serializeProject)
  }

  async show(ctx: HttpContext) {
    const { project, role } = await loadProjectAccess(ctx, ctx.params.id)
    return { data: { ...serializeProject(project), myRole: role } }
  }

  /** The creator becomes the project's first admin. */
  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('createWorkspaces')
    const input = await ctx.request.validateUsing(createProjectValidator)
    const { trx, id: tenantId, user } = ctx.tenant
    const program = await Program.find(input.programId, { client: trx })
    if (!program) {
      throw new UnprocessableError([
        { field: 'programId', message: 'Program not found', rule: 'exists' },
      ])
    }
    if (program.archivedAt) {
      throw new UnprocessableError([
        { field: 'programId', message: 'The program is archived', rule: 'active' },
      ])
    }
    const slug = input.slug ?? slugify(input.name)
    await assertUniqueProjectSlug(trx, program.id, slug)
    const project = await Project.create(
      {
        tenantId,
        programId: program.id,
        name: input.name,
        slug,
        description: input.description ?? null,
        isPublic: input.isPublic ?? false,
        createdBy: user.id,
      },
      { client: trx }
    )
    await addProjectMember(trx, {
      tenantId,
      projectId: project.id,
      userId: user.id,
      role: 'admin',
    })
    await this.#record(ctx, project, 'project.created', { name: project.name })
    return ctx.response.created({ data: { ...serializeProject(project), myRole: 'admin' } })
  }

  async update(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.id)
    await ctx.bouncer.authorize('editProject', access)
    const input = await ctx.request.validateUsing(updateProjectValidator)
    const { project } = access
    if (input.slug && input.slug !== project.slug) {
      await assertUniqueProjectSlug(ctx.tenant.trx, project.programId, input.slug)
    }
    project.merge(projectUpdateFields(input))
    const changes = pendingChanges(project)
    await project.save()
    await recordUpdate(ctx, {
      action: 'project.updated',
      subjectType: 'project',
      subjectId: project.id,
      details: { name: project.name },
      payload: serializeProject(project),
      changes,
    })
    return { data: { ...serializeProject(project), myRole: access.role } }
  }

  async archive(ctx: HttpContext) {
    return this.#setArchived(ctx, true)
  }

  async unarchive(ctx: HttpContext) {
    return this.#setArchived(ctx, false)
  }

  async destroy(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.id)
    await ctx.bouncer.authorize('manageProject', access)
    await access.project.delete()
    await this.#record(ctx, access.project, 'project.deleted', { name: access.project.name })
    return ctx.response.noContent()
  }

  async #setArchived(ctx: HttpContext, archived: boolean) {
    const access = await loadProjectAccess(ctx, ctx.params.id)
    await ctx.bouncer.authorize('manageProject', access)
    const data = () => ({ data: { ...serializeProject(access.project), myRole: access.role } })
    // Already so: nothing changes, nothing is audited, the archive date stays the first one.
    if (Boolean(access.project.archivedAt) === archived) return data()
    access.project.archivedAt = archived ? DateTime.now() : null
    await access.project.save()
    await this.#record(
      ctx,
      access.project,
      archived ? 'project.archived' : 'project.unarchived',
      {}
    )
    return data()
  }

  #record(ctx: HttpContext, project: Project, action: string, details: Record<string, unknown>) {
    return recordChange(ctx, {
      action,
      subjectType: 'project',
      subjectId: project.id,
      details,
      payload: { ...serializeProject(project), ...details },
    })
  }
}
