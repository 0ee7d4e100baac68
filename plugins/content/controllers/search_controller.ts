import type { HttpContext } from '@adonisjs/core/http'
import { visibleProjectIds } from '#services/queries/projects'
import { loadProjectAccess } from '#services/project_access'
import { searchValidator } from '../validators/content.js'
import { contentCatalog } from '../services/catalog.js'
import { searchConfiguration } from '../services/search_configuration.js'
import {
  fulltextSearch,
  fuzzyTitleSearch,
  hybridSearch,
  semanticSearch,
  type SearchFilters,
} from '../services/search_service.js'

/** GET /api/v1/search — every mode tenant-isolated and limited to the caller's projects. */
export default class SearchController {
  async search(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(searchValidator, { data: ctx.request.qs() })
    const { trx, user } = ctx.tenant
    let projectIds = await visibleProjectIds(trx, user)
    if (input.projectId) {
      await loadProjectAccess(ctx, input.projectId)
      projectIds = [input.projectId]
    }
    const filters: SearchFilters = { projectIds, tagIds: input.tagIds, types: input.types }
    const mode = input.mode ?? 'hybrid'
    const page = input.page ?? 1
    const perPage = input.perPage ?? 10
    const offset = (page - 1) * perPage
    const settings = await ctx.pluginSettings('content')
    const catalog = await contentCatalog(trx)
    const embedder = catalog.embedder(String(settings.embeddingProvider))
    const config = await searchConfiguration(trx)
    const weights = {
      fulltext: config.fulltextWeight,
      semantic: config.semanticWeight,
      k: config.rrfK,
    }
    const hits =
      mode === 'fulltext'
        ? await fulltextSearch(trx, input.q, filters, perPage, offset)
        : mode === 'fuzzy'
          ? await fuzzyTitleSearch(trx, input.q, filters, perPage, offset)
          : mode === 'semantic'
            ? await semanticSearch(trx, input.q, filters, embedder, perPage, offset)
            : await hybridSearch(trx, input.q, filters, embedder, weights, perPage, offset)
    return { data: hits, meta: { mode, page, perPage, embedding: embedder.key } }
  }
}
