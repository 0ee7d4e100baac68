import vine from '@vinejs/vine'
import { PROJECT_ROLES } from '#auth/roles'
import { changesOf } from '#validators/changes'

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

export const updateProgramValidator = vine.create(
  changesOf({
    name: vine.string().trim().minLength(1).maxLength(255).optional(),
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
    name: vine.string().trim().minLength(1).maxLength(255).optional(),
    slug: slug().optional(),
    description: vine.string().trim().maxLength(10_000).nullable().optional(),
    isPublic: vine.boolean().optional(),
  })
)

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
