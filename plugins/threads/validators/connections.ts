import vine from '@vinejs/vine'
import { changesOf } from '#validators/changes'

/*
| Model connections and models. Which providers exist, whether one needs a key
| or a base URL, and name uniqueness depend on the tenant: the controllers check
| those after these shapes.
*/

const name = () => vine.string().trim().minLength(1).maxLength(100)

/** http(s) only, hosts without a dot allowed (a local Ollama at http://localhost:11434). */
const baseUrl = () =>
  vine
    .string()
    .trim()
    .maxLength(500)
    .url({ require_protocol: true, protocols: ['http', 'https'], require_tld: false })

const apiKey = () => vine.string().trim().minLength(1).maxLength(1000)

export const createConnectionValidator = vine.create(
  vine.object({
    name: name(),
    provider: vine.string().trim().toLowerCase().minLength(1).maxLength(40),
    /** Empty (arrives as null) or absent: the provider's default. */
    baseUrl: baseUrl().nullable().optional(),
    apiKey: apiKey().nullable().optional(),
    enabled: vine.boolean().optional(),
  })
)

export const updateConnectionValidator = vine.create(
  changesOf({
    name: name().optional(),
    baseUrl: baseUrl().nullable().optional(),
    /** Absent keeps the stored key, a value replaces it, null clears it. */
    apiKey: apiKey().nullable().optional(),
    enabled: vine.boolean().optional(),
  })
)

/* Prices per million tokens: numeric(12, 6) in the table. */
const price = () => vine.number().min(0).max(999_999)
const window = () => vine.number().withoutDecimals().range([1, 100_000_000])

const modelFields = {
  displayName: vine.string().trim().minLength(1).maxLength(200).optional(),
  contextWindow: window().optional(),
  maxOutput: window().optional(),
  priceInput: price().optional(),
  priceOutput: price().optional(),
  priceCached: price().optional(),
  enabled: vine.boolean().optional(),
}

export const createModelValidator = vine.create(
  vine.object({
    /** The vendor's id of the model, as requests name it. */
    model: vine.string().trim().minLength(1).maxLength(200),
    ...modelFields,
  })
)

export const updateModelValidator = vine.create(changesOf(modelFields))

export const listModelsValidator = vine.create(
  vine.object({ all: vine.boolean().optional() })
)
