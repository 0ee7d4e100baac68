import { DateTime } from 'luxon'

/**
 * One changed field of an audited update. A secret (password, token, API key)
 * is only said to have changed: its values never reach the audit log.
 */
export type FieldChange = { from: unknown; to: unknown } | { redacted: true }

/** Only the fields that changed, by name; nested settings by dotted path (`branding.primaryColor`). */
export type FieldChanges = Record<string, FieldChange>

/**
 * Whether a field holds a secret, from the words of its last path segment:
 * password, secret, credential(s), API key, private key, or ending in "token"
 * (accessToken, refresh_token) — but not counts such as chunkTokens.
 */
export function isSecretField(path: string) {
  const name = path.split('.').at(-1) ?? ''
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  const joined = words.join('')
  return (
    words.some((word) => /^(password|passwd|secret|credentials?|passphrase)$/.test(word)) ||
    /apikey|privatekey|passwordhash/.test(joined) ||
    words.at(-1) === 'token'
  )
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype

/** JSON-friendly values: dates as ISO strings, undefined as null. */
function normalize(value: unknown): unknown {
  if (value === undefined) return null
  if (DateTime.isDateTime(value)) return value.toISO()
  if (value instanceof Date) return value.toISOString()
  return value
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The compact diff of two states of a record: `{ field: { from, to } }` for
 * each field whose value differs, nothing for the others. Plain objects are
 * compared key by key (so a settings object yields one entry per changed key),
 * secrets become `{ redacted: true }`. `fields` limits the comparison.
 */
export function diffChanges(before: object, after: object, fields?: string[]): FieldChanges {
  const changes: FieldChanges = {}
  const walk = (from: Record<string, unknown>, to: Record<string, unknown>, prefix: string) => {
    const keys = new Set([...Object.keys(from), ...Object.keys(to)])
    for (const key of keys) {
      const path = prefix + key
      const a = normalize(from[key])
      const b = normalize(to[key])
      if (isPlainObject(a) && isPlainObject(b) && !isSecretField(path)) {
        walk(a, b, `${path}.`)
      } else if (!same(a, b)) {
        changes[path] = isSecretField(path) ? { redacted: true } : { from: a, to: b }
      }
    }
  }
  const pick = (source: object) => {
    const record = source as Record<string, unknown>
    return fields ? Object.fromEntries(fields.map((field) => [field, record[field]])) : record
  }
  walk(pick(before), pick(after), '')
  return changes
}

/** A Lucid model's unsaved changes (call before `save()`), by attribute name. */
export function pendingChanges(
  model: { $original: Record<string, any>; $attributes: Record<string, any> },
  fields?: string[]
): FieldChanges {
  return diffChanges(model.$original, model.$attributes, fields)
}

export function hasChanges(changes: FieldChanges) {
  return Object.keys(changes).length > 0
}
