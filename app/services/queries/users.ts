import User from '#models/user'
import type { TenantRole } from '#auth/roles'
import type { TenantTransaction } from '#tenancy/with_tenant'

export interface UserFilters {
  search?: string
  role?: TenantRole
  status?: 'active' | 'deactivated' | 'all'
  page?: number
  perPage?: number
}

/** The tenant's users, searched by name or email, a page at a time. */
export function listUsers(trx: TenantTransaction, filters: UserFilters) {
  const query = User.query({ client: trx }).orderBy('full_name').orderBy('id')
  if (filters.search) {
    const pattern = `%${filters.search.replace(/[\\%_]/g, '\\$&')}%`
    query.where((q) => q.whereILike('email', pattern).orWhereILike('full_name', pattern))
  }
  if (filters.role) query.where('role', filters.role)
  const status = filters.status ?? 'all'
  if (status !== 'all') query.where('is_active', status === 'active')
  return query.paginate(filters.page ?? 1, filters.perPage ?? 25)
}
