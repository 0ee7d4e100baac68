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

/** How many users may sign in now: what the workspace's user limit counts. */
export async function countActiveUsers(trx: TenantTransaction): Promise<number> {
  const row = await trx.from('users').where('is_active', true).count('* as total').first()
  return Number(row?.total ?? 0)
}

/** Whether a user of this workspace already signs in with the email. */
export async function emailInUse(trx: TenantTransaction, email: string): Promise<boolean> {
  return Boolean(await trx.from('users').where('email', email).first())
}

/**
 * Ids of the active admins, their rows locked until the transaction ends, so two
 * concurrent demotions or deactivations cannot both see "another admin remains".
 */
export async function lockActiveAdminIds(trx: TenantTransaction): Promise<string[]> {
  const rows = await trx
    .from('users')
    .where({ role: 'admin', is_active: true })
    .forUpdate()
    .select('id')
  return rows.map((row) => row.id as string)
}

/** Every user's id and name, by name: the audit page's actor filter. */
export async function userNames(trx: TenantTransaction) {
  const rows = await trx.from('users').select('id', 'full_name').orderBy('full_name')
  return rows.map((row) => ({ id: row.id as string, name: row.full_name as string }))
}

/** Active users who are not yet members of the project, by name: who may be added to it. */
export async function usersOutsideProject(trx: TenantTransaction, projectId: string) {
  const rows = await trx
    .from('users')
    .where('is_active', true)
    .whereNotIn('id', (query) =>
      query.from('project_memberships').select('user_id').where('project_id', projectId)
    )
    .select('id', 'full_name', 'email')
    .orderBy('full_name')
  return rows.map((row) => ({
    id: row.id as string,
    fullName: row.full_name as string,
    email: row.email as string,
  }))
}

/** Whether the id names an active user of this workspace. */
export async function isActiveUser(trx: TenantTransaction, id: string): Promise<boolean> {
  return Boolean(await trx.from('users').where({ id, is_active: true }).first())
}
