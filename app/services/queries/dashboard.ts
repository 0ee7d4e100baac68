import type { TenantTransaction } from '#tenancy/with_tenant'
import { countActiveUsers } from '#services/queries/users'

export interface WorkspaceCounts {
  users: number
  programs: number
  projects: number
  activeMembersThisWeek: number
}

const count = (row: { total: string | number } | undefined) => Number(row?.total ?? 0)

/** The admin dashboard's headline numbers: what is live now and who was active this week. */
export async function workspaceCounts(trx: TenantTransaction): Promise<WorkspaceCounts> {
  const users = await countActiveUsers(trx)
  const programs = await trx.from('programs').whereNull('archived_at').count('* as total').first()
  const projects = await trx.from('projects').whereNull('archived_at').count('* as total').first()
  const active = await trx
    .from('user_activity')
    .where('created_at', '>=', trx.raw(`now() - interval '7 days'`))
    .countDistinct('user_id as total')
    .first()
  return {
    users,
    programs: count(programs),
    projects: count(projects),
    activeMembersThisWeek: count(active),
  }
}
