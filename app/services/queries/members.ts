import type { TenantTransaction } from '#tenancy/with_tenant'
import type { ProjectRole } from '#auth/roles'

export interface ProjectMember {
  id: string
  fullName: string
  email: string
  role: string
  joinedAt: string
}

/** A project's members with their project role, by name; `userId` narrows to one. */
export async function listProjectMembers(
  trx: TenantTransaction,
  projectId: string,
  userId?: string
): Promise<ProjectMember[]> {
  const query = trx
    .from('project_memberships')
    .join('users', 'users.id', 'project_memberships.user_id')
    .where('project_memberships.project_id', projectId)
    .select(
      'users.id',
      'users.full_name',
      'users.email',
      'project_memberships.role',
      'project_memberships.created_at'
    )
    .orderBy('users.full_name')
  if (userId) query.where('users.id', userId)
  const rows = await query
  return rows.map((row) => ({
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    role: row.role,
    joinedAt: new Date(row.created_at).toISOString(),
  }))
}

/** The user's membership row of the project (its `role`), or null when they hold none. */
export async function membershipOf(
  trx: TenantTransaction,
  projectId: string,
  userId: string
): Promise<{ role: ProjectRole } | null> {
  const row = await trx
    .from('project_memberships')
    .where({ project_id: projectId, user_id: userId })
    .first()
  return row ?? null
}

/** Makes the user a member of the project with the role. */
export async function addProjectMember(
  trx: TenantTransaction,
  member: { tenantId: string; projectId: string; userId: string; role: ProjectRole }
) {
  await trx.table('project_memberships').insert({
    tenant_id: member.tenantId,
    project_id: member.projectId,
    user_id: member.userId,
    role: member.role,
  })
}

export async function changeMemberRole(
  trx: TenantTransaction,
  projectId: string,
  userId: string,
  role: ProjectRole
) {
  await trx
    .from('project_memberships')
    .where({ project_id: projectId, user_id: userId })
    .update({ role, updated_at: new Date() })
}

export async function removeProjectMember(
  trx: TenantTransaction,
  projectId: string,
  userId: string
) {
  await trx.from('project_memberships').where({ project_id: projectId, user_id: userId }).delete()
}

/**
 * Ids of the project's admins, their rows locked until the transaction ends, so two
 * concurrent removals or demotions cannot both see "another admin remains".
 */
export async function lockProjectAdminIds(
  trx: TenantTransaction,
  projectId: string
): Promise<string[]> {
  const rows = await trx
    .from('project_memberships')
    .where({ project_id: projectId, role: 'admin' })
    .forUpdate()
    .select('user_id')
  return rows.map((row) => row.user_id as string)
}
