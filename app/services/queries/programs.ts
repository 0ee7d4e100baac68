import Program from '#models/program'
import type User from '#models/user'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { onlyVisiblePrograms } from '#services/project_access'
import { archivedFilter } from '#services/queries/projects'

export interface ProgramFilters {
  archived?: 'exclude' | 'include' | 'only'
  page?: number
  perPage?: number
}

/** Programs the user may see (see onlyVisiblePrograms), a page at a time. */
export function visiblePrograms(trx: TenantTransaction, user: User, filters: ProgramFilters) {
  const query = onlyVisiblePrograms(Program.query({ client: trx }), user)
    .orderBy('name')
    .orderBy('id')
  return archivedFilter(query, filters.archived).paginate(filters.page ?? 1, filters.perPage ?? 25)
}

/** A program the user may see by its id, or null; one they may not see is as if absent. */
export function findVisibleProgram(trx: TenantTransaction, id: string, user: User) {
  return onlyVisiblePrograms(Program.query({ client: trx }), user)
    .where('id', id)
    .first()
}

/** Every program of the workspace by name, archived ones too: the admin's program filter. */
export function allPrograms(trx: TenantTransaction) {
  return Program.query({ client: trx }).orderBy('name')
}
