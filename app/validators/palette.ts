import vine from '@vinejs/vine'

/** GET /api/v1/palette: what the member typed in the command palette. */
export const paletteValidator = vine.create(
  vine.object({
    q: vine.string().trim().minLength(1).maxLength(200),
  })
)
