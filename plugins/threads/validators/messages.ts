import vine from '@vinejs/vine'

/** Longest message a member may send (the model's window is checked separately). */
export const MAX_MESSAGE_LENGTH = 200_000

const content = () => vine.string().trim().minLength(1).maxLength(MAX_MESSAGE_LENGTH)
const modelId = () => vine.string().trim().uuid().nullable().optional()

export const askValidator = vine.create(
  vine.object({
    content: content(),
    parentId: vine.string().trim().uuid().nullable().optional(),
    modelId: modelId(),
  })
)

export const previewValidator = vine.create(
  vine.object({
    content: vine.string().maxLength(MAX_MESSAGE_LENGTH).optional(),
    parentId: vine.string().trim().uuid().nullable().optional(),
    modelId: modelId(),
  })
)

export const regenerateValidator = vine.create(vine.object({ modelId: modelId() }))

export const editValidator = vine.create(vine.object({ content: content(), modelId: modelId() }))

export const branchValidator = vine.create(
  vine.object({ leafId: vine.string().trim().uuid().optional() })
)

export const viewValidator = vine.create(vine.object({ leafId: vine.string().trim().uuid() }))

export const streamValidator = vine.create(
  vine.object({
    after: vine
      .string()
      .trim()
      .regex(/^\d+-\d+$/)
      .optional(),
  })
)
