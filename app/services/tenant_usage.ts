import app from '@adonisjs/core/services/app'
import type { TenantTransaction } from '#tenancy/with_tenant'
import type Tenant from '#models/tenant'
import { countActiveUsers } from '#services/queries/users'
import { storageMeters } from '#plugins_core/contract'
import { PluginRegistry } from '#plugins_core/registry'

const sum = (row: { total: string | number | null } | undefined) => Number(row?.total ?? 0)

/**
 * Bytes the workspace stores: the sum of every plugin's storage meter (the
 * content plugin counts each stored object once). Plugins a tenant disabled
 * count too: their files are still kept. The storage limit checks this figure
 * and the settings page shows it, so the two never disagree.
 */
export async function storageInUse(trx: TenantTransaction): Promise<number> {
  const registry = await app.container.make(PluginRegistry)
  let total = 0
  for (const meter of registry.contributions(storageMeters)) {
    total += await meter.value.storedBytes(trx)
  }
  return total
}

/** The tenant's limits beside what it uses now (tokens come from usage_stats). */
export async function tenantLimitsWithUsage(trx: TenantTransaction, tenant: Tenant) {
  const users = await countActiveUsers(trx)
  const tokens = await trx
    .from('usage_stats')
    .where('resource_type', 'llm_tokens')
    .where('recorded_at', '>=', trx.raw(`date_trunc('month', now())`))
    .sum('quantity as total')
    .first()
  return {
    users: { used: users, limit: tenant.maxUsers },
    storageBytes: { used: await storageInUse(trx), limit: tenant.maxStorageGb * 1024 ** 3 },
    monthlyTokens: { used: sum(tokens), limit: Number(tenant.monthlyTokenLimit) },
  }
}
