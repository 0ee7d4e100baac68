import type { HttpContext } from '@adonisjs/core/http'
import { addMemberValidator, changeMemberRoleValidator } from '#validators/workspace'
import { loadProjectAccess } from '#services/project_access'
import { recordChange } from '#services/change_log'
import { ConflictError, NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { listProjectMembers, type ProjectMember } from '#services/queries/members'

const present = (member: ProjectMember) => ({
  userId: member.id,
  email: member.email,
  fullName: member.fullName,
  role: member.role,
  joinedAt: member.joinedAt,
})

/** Who belongs to a project, with which role. The last project admin stays. */
export default class MembershipsController {
  async index(ctx: HttpContext) {
    const { project } = await loadProjectAccess(ctx, ctx.params.projectId)
    const members = await listProjectMembers(ctx.tenant.trx, project.id)
    return { data: members.map(present) }
  }

  async store(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.projectId)
    await ctx.bouncer.authorize('manageProject', access)
    const { userId, role } = await ctx.request.validateUsing(addMemberValidator)
    const { trx } = ctx.tenant
    const user = await trx.from('users').where({ id: userId, is_active: true }).first()
    if (!user) {
      throw new UnprocessableError([
        { field: 'userId', message: 'No active user with this id', rule: 'exists' },
      ])
    }
    const existing = await trx
      .from('project_memberships')
      .where({ project_id: access.project.id, user_id: userId })
      .first()
    if (existing) {
      throw new UnprocessableError([
        { field: 'userId', message: 'The user is already a member', rule: 'unique' },
      ])
    }
    await trx.table('project_memberships').insert({
      tenant_id: ctx.tenant.id,
      project_id: access.project.id,
      user_id: userId,
      role,
    })
    await record(ctx, access.project.id, 'membership.added', { userId, role })
    const [row] = await listProjectMembers(trx, access.project.id, userId)
    return ctx.response.created({ data: present(row) })
  }

  async update(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.projectId)
    await ctx.bouncer.authorize('manageProject', access)
    const { role } = await ctx.request.validateUsing(changeMemberRoleValidator)
    const membership = await findMembership(ctx.tenant.trx, access.project.id, ctx.params.userId)
    if (membership.role === 'admin' && role !== 'admin') {
      await assertAnotherAdmin(ctx.tenant.trx, access.project.id)
    }
    await ctx.tenant.trx
      .from('project_memberships')
      .where({ project_id: access.project.id, user_id: ctx.params.userId })
      .update({ role, updated_at: new Date() })
    await record(ctx, access.project.id, 'membership.role_changed', {
      userId: ctx.params.userId,
      from: membership.role,
      to: role,
    })
    const [row] = await listProjectMembers(ctx.tenant.trx, access.project.id, ctx.params.userId)
    return { data: present(row) }
  }

  async destroy(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.projectId)
    await ctx.bouncer.authorize('manageProject', access)
    const membership = await findMembership(ctx.tenant.trx, access.project.id, ctx.params.userId)
    if (membership.role === 'admin') await assertAnotherAdmin(ctx.tenant.trx, access.project.id)
    await ctx.tenant.trx
      .from('project_memberships')
      .where({ project_id: access.project.id, user_id: ctx.params.userId })
      .delete()
    await record(ctx, access.project.id, 'membership.removed', { userId: ctx.params.userId })
    return ctx.response.noContent()
  }
}

async function findMembership(trx: TenantTransaction, projectId: string, userId: string) {
  const membership = await trx
    .from('project_memberships')
    .where({ project_id: projectId, user_id: userId })
    .first()
  if (!membership) throw new NotFoundError('Membership not found')
  return membership as { role: string }
}

/** Locks the project's admin rows so two concurrent removals cannot both pass. */
async function assertAnotherAdmin(trx: TenantTransaction, projectId: string) {
  const admins = await trx
    .from('project_memberships')
    .where({ project_id: projectId, role: 'admin' })
    .forUpdate()
    .select('user_id')
  if (admins.length <= 1) {
    throw new ConflictError('The last admin of a project cannot be removed or demoted')
  }
}

function record(
  ctx: HttpContext,
  projectId: string,
  action: string,
  details: Record<string, unknown>
) {
  return recordChange(ctx, { action, subjectType: 'project', subjectId: projectId, details })
}
