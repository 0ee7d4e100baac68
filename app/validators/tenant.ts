import vine from '@vinejs/vine'
import { changesOf } from '#validators/changes'

const color = () =>
  vine
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .nullable()
    .optional()

export const updateTenantValidator = vine.create(
  changesOf({
    name: vine.string().trim().minLength(1).maxLength(255).optional(),
    branding: vine
      .object({
        logoUrl: vine
          .string()
          .trim()
          .url({ protocols: ['https'] })
          .maxLength(2000)
          .nullable()
          .optional(),
        primaryColor: color(),
        accentColor: color(),
      })
      .optional(),
  })
)
