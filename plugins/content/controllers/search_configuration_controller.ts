import type { HttpContext } from '@adonisjs/core/http'
import { recordChange } from '#services/change_log'
import { searchConfigurationValidator } from '../validators/content.js'

const DEFAULTS = { fulltextWeight: 1, semanticWeight: 1, rrfK: 60 }

const present = (row: Record<string, any> | null) =>
  row
    ? {
        fulltextWeight: Number(row.fulltext_weight),
        semanticWeight: Number(row.semantic_weight),
        rrfK: Number(row.rrf_k),
      }
    : DEFAULTS

/** How hybrid search weighs full-text against semantic ranks in this workspace. */
export default class SearchConfigurationController {
  async show({ tenant }: HttpContext) {
    return { data: present(await tenant.trx.from('search_configurations').first()) }
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const input = await ctx.request.validateUsing(searchConfigurationValidator)
    const { trx, id: tenantId } = ctx.tenant
    const merged = { ...present(await trx.from('search_configurations').first()), ...input }
    await trx.rawQuery(
      `insert into search_configurations (tenant_id, fulltext_weight, semantic_weight, rrf_k)
       values (?, ?, ?, ?)
       on conflict (tenant_id) do update set fulltext_weight = excluded.fulltext_weight,
         semantic_weight = excluded.semantic_weight, rrf_k = excluded.rrf_k, updated_at = now()`,
      [tenantId, merged.fulltextWeight, merged.semanticWeight, merged.rrfK]
    )
    await recordChange(ctx, {
      action: 'search.configuration_updated',
      subjectType: 'tenant',
      subjectId: tenantId,
      details: merged,
    })
    return { data: merged }
  }
}
