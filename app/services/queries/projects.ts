import Project from '#models/project'
import type User from '#models/user'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { onlyVisibleProjects } from '#services/project_access'

export interface ProjectFilters {
  programId?: string
  archived?: 'exclude' | 'include' | 'only'
  page?: number
  perPage?: number
}

/** Projects the user may see: all for tenant admins, else memberships and public projects. */
export function visibleProjects(trx: TenantTransaction, user: User, filters: ProjectFilters) {
  const query = onlyVisibleProjects(Project.query({ client: trx }), user)
    .orderBy('name')
    .orderBy('id')
  if (filters.programId) query.where('program_id', filters.programId)
  return archivedFilter(query, filters.archived).paginate(filters.page ?? 1, filters.perPage ?? 25)
}

/** The `archived` list filter of programs and projects: left out unless asked for. */
export function archivedFilter<
  Query extends { whereNull(column: string): unknown; whereNotNull(column: string): unknown },
>(query: Query, archived: 'exclude' | 'include' | 'only' = 'exclude') {
  if (archived === 'exclude') query.whereNull('archived_at')
  if (archived === 'only') query.whereNotNull('archived_at')
  return query
}

/** Ids of the projects the user may see; null for tenant admins, who see them all. */
export async function visibleProjectIds(
  trx: TenantTransaction,
  user: User
): Promise<string[] | null> {
  if (user.isAdmin) return null
  const rows = await onlyVisibleProjects(trx.from('projects'), user).select('id')
  return rows.map((row) => row.id as string)
}
