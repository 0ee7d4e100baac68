import vine from '@vinejs/vine'
import { PROJECT_ROLES } from '#auth/roles'
import type { Infer } from '@vinejs/vine/types'
import { changesOf } from '#validators/changes'
import { UnprocessableError } from '#exceptions/domain_errors'

const slug = () =>
  vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .maxLength(100)

export const createProgramValidator = vine.create(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(255),
    slug: slug().optional(),
    description: vine.string().trim().maxLength(10_000).nullable().optional(),
  })
)

/**
 * A name that may be left out of an update but not emptied: the body parser
 * turns "" into null, which `optional()` alone would silently ignore.
 */
const newName = () =>
  vine
    .string()
    .trim()
    .minLength(1)
    .maxLength(255)
    .optional()
    .requiredWhen((field) => field.parent[field.name] !== undefined)

export const updateProgramValidator = vine.create(
  changesOf({
    name: newName(),
    slug: slug().optional(),
    description: vine.string().trim().maxLength(10_000).nullable().optional(),
  })
)

export const createProjectValidator = vine.create(
  vine.object({
    programId: vine.string().uuid(),
    name: vine.string().trim().minLength(1).maxLength(255),
    slug: slug().optional(),
    description: vine.string().trim().maxLength(10_000).nullable().optional(),
    isPublic: vine.boolean().optional(),
  })
)

export const updateProjectValidator = vine.create(
  changesOf({
    name: newName(),
    slug: slug().optional(),
    description: vine.string().trim().maxLength(10_000).nullable().optional(),
    isPublic: vine.boolean().optional(),
    /** The same as isPublic, in the words of the project page's visibility picker. */
    visibility: vine.enum(['private', 'public'] as const).optional(),
  })
)

/**
 * The model fields a validated project update sets: `visibility` becomes
 * `isPublic`; both given and disagreeing is a 422 rather than a guess.
 */
export function projectUpdateFields(input: Infer<typeof updateProjectValidator>) {
  const { visibility, ...fields } = input
  if (visibility === undefined) return fields
  const isPublic = visibility === 'public'
  if (fields.isPublic !== undefined && fields.isPublic !== isPublic) {
    throw new UnprocessableError([
      {
        field: 'visibility',
        message: 'Visibility and isPublic disagree: send one of them',
        rule: 'consistent',
      },
    ])
  }
  return { ...fields, isPublic }
}

export const listProgramsValidator = vine.create(
  vine.object({
    archived: vine.enum(['exclude', 'include', 'only'] as const).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
    perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
  })
)

export const listProjectsValidator = vine.create(
  vine.object({
    programId: vine.string().uuid().optional(),
    archived: vine.enum(['exclude', 'include', 'only'] as const).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
    perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
  })
)

export const addMemberValidator = vine.create(
  vine.object({
    userId: vine.string().uuid(),
    role: vine.enum(PROJECT_ROLES),
  })
)

export const changeMemberRoleValidator = vine.create(
  vine.object({
    role: vine.enum(PROJECT_ROLES),
  })
)
