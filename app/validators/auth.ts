import vine from '@vinejs/vine'

/** Checked against the installed plugins by #auth/token_abilities; defaults to ['*']. */
const abilities = () =>
  vine
    .array(vine.string().trim().minLength(1).maxLength(120))
    .minLength(1)
    .maxLength(20)
    .distinct()
    .optional()

export const loginValidator = vine.create(
  vine.object({
    workspace: vine.string().trim().minLength(1).maxLength(255),
    email: vine.string().trim().toLowerCase().email(),
    password: vine.string().minLength(1).maxLength(512),
  })
)

export const issueTokenValidator = vine.create(
  vine.object({
    workspace: vine.string().trim().minLength(1).maxLength(255),
    email: vine.string().trim().toLowerCase().email(),
    password: vine.string().minLength(1).maxLength(512),
    name: vine.string().trim().minLength(1).maxLength(100),
    abilities: abilities(),
  })
)

export const createAccessTokenValidator = vine.create(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(100),
    expiresInDays: vine.number().withoutDecimals().range([1, 3650]).optional(),
    abilities: abilities(),
  })
)
