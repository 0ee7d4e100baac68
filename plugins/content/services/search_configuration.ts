import type { TenantTransaction } from '#tenancy/with_tenant'

export interface SearchConfiguration {
  fulltextWeight: number
  semanticWeight: number
  rrfK: number
}

/** What a workspace that never changed its configuration searches with (the table's defaults). */
const DEFAULTS: SearchConfiguration = { fulltextWeight: 1, semanticWeight: 1, rrfK: 60 }

/** How hybrid search weighs full-text against semantic ranks here; the defaults until saved. */
export async function searchConfiguration(trx: TenantTransaction): Promise<SearchConfiguration> {
  const row = await trx.from('search_configurations').first()
  return row
    ? {
        fulltextWeight: Number(row.fulltext_weight),
        semanticWeight: Number(row.semantic_weight),
        rrfK: Number(row.rrf_k),
      }
    : DEFAULTS
}

/** Saves the workspace's one configuration row, created on first save. */
export async function saveSearchConfiguration(
  trx: TenantTransaction,
  tenantId: string,
  config: SearchConfiguration
) {
  await trx.rawQuery(
    `insert into search_configurations (tenant_id, fulltext_weight, semantic_weight, rrf_k)
     values (?, ?, ?, ?)
     on conflict (tenant_id) do update set fulltext_weight = excluded.fulltext_weight,
       semantic_weight = excluded.semantic_weight, rrf_k = excluded.rrf_k, updated_at = now()`,
    [tenantId, config.fulltextWeight, config.semanticWeight, config.rrfK]
  )
}
