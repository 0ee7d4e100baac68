import Program from '#models/program'
import type User from '#models/user'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { onlyVisiblePrograms } from '#services/project_access'

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
  const archived = filters.archived ?? 'exclude'
  if (archived === 'exclude') query.whereNull('archived_at')
  if (archived === 'only') query.whereNotNull('archived_at')
  return query.paginate(filters.page ?? 1, filters.perPage ?? 25)
}
