import vine from '@vinejs/vine'
import { changesOf } from '#validators/changes'

/** Longest thread description (the column's check). */
export const MAX_THREAD_DESCRIPTION = 5000
/** Longest system prompt a thread may carry. */
export const MAX_SYSTEM_PROMPT = 20_000
/** Most chunks one context entry may name. */
export const MAX_CHOSEN_CHUNKS = 500

const name = () => vine.string().trim().minLength(1).maxLength(255)
const description = () => vine.string().trim().maxLength(MAX_THREAD_DESCRIPTION).nullable()
const threadType = () => vine.enum(['standard', 'exploration', 'archive'] as const)

/**
 * A thread's own settings; each overrides the workspace's default. In a PATCH
 * they merge into the stored ones, and a key sent as null returns to the default.
 */
const settingsFields = () => ({
  systemPrompt: vine.string().maxLength(MAX_SYSTEM_PROMPT).nullable().optional(),
  retrievedChunks: vine.number().withoutDecimals().range([0, 50]).nullable().optional(),
  retrievalScope: vine
    .enum(['project', 'chosen'] as const)
    .nullable()
    .optional(),
  reservedOutput: vine.number().withoutDecimals().positive().max(1_000_000).nullable().optional(),
})

export const listThreadsValidator = vine.create(
  vine.object({
    status: vine.enum(['active', 'archived', 'all'] as const).optional(),
    q: vine.string().trim().minLength(1).maxLength(200).optional(),
  })
)

export const createThreadValidator = vine.create(
  vine.object({
    name: name(),
    description: description().optional(),
    type: threadType().optional(),
    parentId: vine.string().uuid().nullable().optional(),
    modelId: vine.string().uuid().nullable().optional(),
    settings: vine.object(settingsFields()).optional(),
  })
)

export const updateThreadValidator = vine.create(
  changesOf({
    // Sent empty ("" arrives as null) is a 422, not a silent no-op.
    name: name()
      .optional()
      .requiredWhen((field) => field.parent[field.name] !== undefined),
    /** Empty or null clears it. */
    description: description().optional(),
    type: threadType().optional(),
    pinned: vine.boolean().optional(),
    status: vine.enum(['active', 'archived'] as const).optional(),
    /** null: no model of its own (the workspace's default). */
    modelId: vine.string().uuid().nullable().optional(),
    settings: vine.object(settingsFields()).optional(),
  })
)

/**
 * `parentId: null` makes the thread a root. `position` is its place among the
 * new parent's children (0 first; left out or past the end: last). Roots have
 * no position of their own: they are ordered by pin and recency.
 */
export const moveThreadValidator = vine.create(
  vine.object({
    parentId: vine.string().uuid().nullable(),
    position: vine.number().withoutDecimals().min(0).optional(),
  })
)

export const linkThreadValidator = vine.create(
  vine.object({
    threadId: vine.string().uuid(),
    type: vine.enum(['related_to'] as const).optional(),
  })
)

const chunkIds = () =>
  vine.array(vine.string().uuid()).minLength(1).maxLength(MAX_CHOSEN_CHUNKS).distinct()

export const addContextValidator = vine.create(
  vine.object({
    contentItemId: vine.string().uuid(),
    /** Specific chunks of the item; left out: the whole item. */
    chunkIds: chunkIds().optional(),
    pinned: vine.boolean().optional(),
    relevance: vine.number().range([0, 1]).optional(),
    tokenBudget: vine.number().withoutDecimals().positive().max(10_000_000).optional(),
  })
)

export const addContextTagValidator = vine.create(vine.object({ tagId: vine.string().uuid() }))

export const updateContextValidator = vine.create(
  changesOf({
    pinned: vine.boolean().optional(),
    relevance: vine.number().range([0, 1]).optional(),
    /** null clears it. */
    tokenBudget: vine.number().withoutDecimals().positive().max(10_000_000).nullable().optional(),
    /** null: the whole item. */
    chunkIds: chunkIds().nullable().optional(),
  })
)

export const reorderContextValidator = vine.create(
  vine.object({
    itemIds: vine.array(vine.string().uuid()).maxLength(10_000).distinct(),
  })
)
