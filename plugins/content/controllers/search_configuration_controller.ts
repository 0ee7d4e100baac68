import type { HttpContext } from '@adonisjs/core/http'
import { diffChanges, recordUpdate } from '#services/change_log'
import { searchConfigurationValidator } from '../validators/content.js'
import { saveSearchConfiguration, searchConfiguration } from '../services/search_configuration.js'

/** How hybrid search weighs full-text against semantic ranks in this workspace. */
export default class SearchConfigurationController {
  async show({ tenant }: HttpContext) {
    return { data: await searchConfiguration(tenant.trx) }
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const input = await ctx.request.validateUsing(searchConfigurationValidator)
    const { trx, id: tenantId } = ctx.tenant
    const current = await searchConfiguration(trx)
    const merged = { ...current, ...input }
    await saveSearchConfiguration(trx, tenantId, merged)
    await recordUpdate(ctx, {
      action: 'search.configuration_updated',
      subjectType: 'tenant',
      subjectId: tenantId,
      payload: merged,
      changes: diffChanges(current, merged),
    })
    return { data: merged }
  }
}
