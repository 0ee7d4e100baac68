import type { HttpContext } from '@adonisjs/core/http'
import { addMemberValidator, changeMemberRoleValidator } from '#validators/workspace'
import { loadProjectAccess } from '#services/project_access'
import { diffChanges, recordChange, recordUpdate } from '#services/change_log'
import { ConflictError, NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import type { TenantTransaction } from '#tenancy/with_tenant'
import {
  addProjectMember,
  changeMemberRole,
  listProjectMembers,
  lockProjectAdminIds,
  membershipOf,
  removeProjectMember,
  type ProjectMember,
} from '#services/queries/members'
import { isActiveUser } from '#services/queries/users'

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
    if (!(await isActiveUser(trx, userId))) {
      throw new UnprocessableError([
        { field: 'userId', message: 'No active user with this id', rule: 'exists' },
      ])
    }
    if (await membershipOf(trx, access.project.id, userId)) {
      throw new UnprocessableError([
        { field: 'userId', message: 'The user is already a member', rule: 'unique' },
      ])
    }
    await addProjectMember(trx, {
      tenantId: ctx.tenant.id,
      projectId: access.project.id,
      userId,
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
    await changeMemberRole(ctx.tenant.trx, access.project.id, ctx.params.userId, role)
    const [row] = await listProjectMembers(ctx.tenant.trx, access.project.id, ctx.params.userId)
    await recordUpdate(ctx, {
      action: 'membership.role_changed',
      subjectType: 'project',
      subjectId: access.project.id,
      details: { userId: ctx.params.userId, member: row.email, project: access.project.name },
      changes: diffChanges({ role: membership.role }, { role }),
    })
    return { data: present(row) }
  }

  async destroy(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.projectId)
    await ctx.bouncer.authorize('manageProject', access)
    const membership = await findMembership(ctx.tenant.trx, access.project.id, ctx.params.userId)
    if (membership.role === 'admin') await assertAnotherAdmin(ctx.tenant.trx, access.project.id)
    await removeProjectMember(ctx.tenant.trx, access.project.id, ctx.params.userId)
    await record(ctx, access.project.id, 'membership.removed', { userId: ctx.params.userId })
    return ctx.response.noContent()
  }
}

async function findMembership(trx: TenantTransaction, projectId: string, userId: string) {
  const membership = await membershipOf(trx, projectId, userId)
  if (!membership) throw new NotFoundError('Membership not found')
  return membership
}

/** Locks the project's admin rows so two concurrent removals cannot both pass. */
async function assertAnotherAdmin(trx: TenantTransaction, projectId: string) {
  const admins = await lockProjectAdminIds(trx, projectId)
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
