import type { HttpContext } from '@adonisjs/core/http'
import { visibleProjectIds } from '#services/queries/projects'
import { loadProjectAccess } from '#services/project_access'
import { searchValidator } from '../validators/search.js'
import { contentCatalog } from '../services/catalog.js'
import { searchConfiguration } from '../services/search_configuration.js'
import {
  fulltextSearch,
  fuzzyTitleSearch,
  hybridSearch,
  semanticSearch,
  type SearchFilters,
} from '../services/search_service.js'
import { modeNamed, searchItems } from '../services/grouped_search.js'

/**
 * GET /api/v1/search — every mode tenant-isolated and limited to the caller's projects.
 * By default one row per item with its best passages (`group=item`), paged by items;
 * `group=chunk` lists passages. A query nothing answers gives `data: []`, `meta.total: 0`.
 */
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
    const mode = modeNamed(input.mode)
    const group = input.group ?? 'item'
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
    const meta = { mode, group, page, perPage, embedding: embedder.key }
    if (group === 'item') {
      const found = await searchItems(trx, {
        q: input.q,
        mode,
        filters,
        embedder,
        weights,
        page,
        perPage,
      })
      return {
        data: found.data,
        meta: {
          ...meta,
          total: found.total,
          lastPage: Math.max(1, Math.ceil(found.total / perPage)),
          totalIsExact: found.totalIsExact,
        },
      }
    }
    const hits =
      mode === 'fulltext'
        ? await fulltextSearch(trx, input.q, filters, perPage, offset)
        : mode === 'title'
          ? await fuzzyTitleSearch(trx, input.q, filters, perPage, offset)
          : mode === 'semantic'
            ? await semanticSearch(trx, input.q, filters, embedder, perPage, offset)
            : await hybridSearch(trx, input.q, filters, embedder, weights, perPage, offset)
    return { data: hits, meta }
  }
}
