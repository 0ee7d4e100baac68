import type { TenantTransaction } from '#tenancy/with_tenant'

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
