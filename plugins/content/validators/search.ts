import vine from '@vinejs/vine'
import { MODE_ALIASES, SEARCH_MODES } from '../services/grouped_search.js'

/**
 * GET /api/v1/search. `group=item` (the default) answers one row per item with its
 * best passages; `group=chunk` the flat list of passages, for callers that rank chunks.
 */
export const searchValidator = vine.create(
  vine.object({
    q: vine.string().trim().minLength(1).maxLength(500),
    mode: vine.enum([...SEARCH_MODES, ...Object.keys(MODE_ALIASES)]).optional(),
    group: vine.enum(['item', 'chunk'] as const).optional(),
    projectId: vine.string().uuid().optional(),
    tagIds: vine.array(vine.string().uuid()).maxLength(10).optional(),
    types: vine.array(vine.string().trim().maxLength(40)).maxLength(10).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
    perPage: vine.number().withoutDecimals().range([1, 50]).optional(),
  })
)
