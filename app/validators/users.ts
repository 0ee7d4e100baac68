import vine from '@vinejs/vine'
import { TENANT_ROLES } from '#auth/roles'
import { changesOf } from '#validators/changes'

export const password = () => vine.string().minLength(10).maxLength(512)

export const createUserValidator = vine.create(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(254),
    fullName: vine.string().trim().minLength(1).maxLength(255),
    password: password(),
    role: vine.enum(TENANT_ROLES).optional(),
  })
)

export const updateUserValidator = vine.create(
  changesOf({
    fullName: vine.string().trim().minLength(1).maxLength(255).optional(),
    role: vine.enum(TENANT_ROLES).optional(),
    password: password().optional(),
  })
)

export const listUsersValidator = vine.create(
  vine.object({
    search: vine.string().trim().maxLength(255).optional(),
    role: vine.enum(TENANT_ROLES).optional(),
    status: vine.enum(['active', 'deactivated', 'all'] as const).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
    perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
  })
)

export const auditQueryValidator = vine.create(
  vine.object({
    actorId: vine.string().uuid().optional(),
    action: vine.string().trim().maxLength(80).optional(),
    from: vine.date({ formats: { utc: true } }).optional(),
    to: vine.date({ formats: { utc: true } }).optional(),
    page: vine.number().withoutDecimals().min(1).optional(),
    perPage: vine.number().withoutDecimals().range([1, 100]).optional(),
  })
)

export const updatePluginValidator = vine.create(
  changesOf({
    enabled: vine.boolean().optional(),
    settings: vine.record(vine.any()).optional(),
  })
)

export const updateProfileValidator = vine.create(
  changesOf({
    fullName: vine.string().trim().minLength(1).maxLength(255).optional(),
    password: password().optional(),
    currentPassword: vine.string().optional().requiredIfExists('password'),
  })
)
