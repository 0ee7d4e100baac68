import type { TenantTransaction } from '#tenancy/with_tenant'
import type Tenant from '#models/tenant'
import { countActiveUsers } from '#services/queries/users'

const sum = (row: { total: string | number | null } | undefined) => Number(row?.total ?? 0)

/** The tenant's limits beside what it uses now (storage and tokens come from usage_stats). */
export async function tenantLimitsWithUsage(trx: TenantTransaction, tenant: Tenant) {
  const users = await countActiveUsers(trx)
  const storage = await trx
    .from('usage_stats')
    .where('resource_type', 'storage_bytes')
    .sum('quantity as total')
    .first()
  const tokens = await trx
    .from('usage_stats')
    .where('resource_type', 'llm_tokens')
    .where('recorded_at', '>=', trx.raw(`date_trunc('month', now())`))
    .sum('quantity as total')
    .first()
  return {
    users: { used: users, limit: tenant.maxUsers },
    storageBytes: { used: sum(storage), limit: tenant.maxStorageGb * 1024 ** 3 },
    monthlyTokens: { used: sum(tokens), limit: Number(tenant.monthlyTokenLimit) },
  }
}
