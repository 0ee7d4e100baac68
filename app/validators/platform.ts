import vine from '@vinejs/vine'
import { password } from '#validators/users'

export const createTenantValidator = vine.create(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(255),
    slug: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/),
    domain: vine.string().trim().toLowerCase().maxLength(255).optional(),
    maxUsers: vine.number().withoutDecimals().range([1, 1_000_000]).optional(),
    admin: vine.object({
      email: vine.string().trim().toLowerCase().email().maxLength(254),
      fullName: vine.string().trim().minLength(1).maxLength(255),
      password: password(),
    }),
  })
)
