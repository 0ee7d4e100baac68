import vine from '@vinejs/vine'
import { changesOf } from '#validators/changes'
import { MAX_TEXT_BYTES } from '../services/content_types.js'

export const createContentValidator = vine.create(
  vine.object({
    projectId: vine.string().uuid(),
    title: vine.string().trim().minLength(1).maxLength(500),
    type: vine.enum(['text', 'markdown', 'code'] as const),
    body: vine.string().minLength(1).maxLength(MAX_TEXT_BYTES),
    language: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9+#-]{1,40}$/)
      .optional(),
  })
)

/** Longest item description (the column's check). */
export const MAX_DESCRIPTION_LENGTH = 5000

export const uploadContentValidator = vine.create(
  vine.object({
    projectId: vine.string().uuid(),
    title: vine.string().trim().minLength(1).maxLength(500).optional(),
    /** What to do when the project holds an item with the same file name: without it, a 409. */
    onDuplicate: vine.enum(['version', 'keep-both'] as const).optional(),
  })
)

export const updateContentValidator = vine.create(
  changesOf({
    // Sent empty ("" arrives as null) is a 422, not a silent no-op.
    title: vine
      .string()
      .trim()
      .minLength(1)
      .maxLength(500)
      .optional()
      .requiredWhen((field) => field.parent[field.name] !== undefined),
    body: vine.string().minLength(1).maxLength(MAX_TEXT_BYTES).optional(),
    summary: vine.string().trim().minLength(1).maxLength(500).optional(),
    /** Empty or null clears it. */
    description: vine.string().trim().maxLength(MAX_DESCRIPTION_LENGTH).nullable().optional(),
  })
)

export const trashValidator = vine.create(
  vine.object({
    page: vine.number().withoutDecimals().min(1).optional(),
    perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
  })
)

export const listContentValidator = vine.create(
  vine.object({
    projectId: vine.string().uuid().optional(),
    type: vine.string().trim().maxLength(40).optional(),
    tagId: vine.string().uuid().optional(),
    q: vine.string().trim().maxLength(200).optional(),
    deleted: vine.enum(['exclude', 'only'] as const).optional(),
    cursor: vine.string().trim().maxLength(200).optional(),
    limit: vine.number().withoutDecimals().range([1, 100]).optional(),
  })
)

export const diffValidator = vine.create(
  vine.object({
    from: vine.number().withoutDecimals().min(1),
    to: vine.number().withoutDecimals().min(1),
  })
)

const color = () =>
  vine
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/)

export const createTagValidator = vine.create(
  vine.object({ name: vine.string().trim().minLength(1).maxLength(60), color: color().optional() })
)

export const updateTagValidator = vine.create(
  changesOf({
    name: vine.string().trim().minLength(1).maxLength(60).optional(),
    color: color().optional(),
  })
)

export const tagContentValidator = vine.create(vine.object({ tagId: vine.string().uuid() }))

/** How hybrid search weighs full-text against semantic ranks. */
export const searchConfigurationValidator = vine.create(
  changesOf({
    fulltextWeight: vine.number().range([0, 10]).optional(),
    semanticWeight: vine.number().range([0, 10]).optional(),
    rrfK: vine.number().withoutDecimals().range([1, 1000]).optional(),
  })
)
