import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { plural } from '#services/plural'

/*
| The words people read when a request is refused: "Name is required", "At least
| 10 characters", never "The name field must be defined". Installed for every
| validator by start/validator.ts. The API still names fields by their machine
| names (`fullName`, `settings.chunkTokens`); only the message text is human.
*/

type Args = Record<string, any>
type Message = (label: string, args: Args, field: FieldContext) => string

/** Field names the words of their name would put badly. */
const LABELS: Record<string, string> = {
  expiresInDays: 'Days until expiry',
  fulltextWeight: 'Full-text weight',
  isPublic: 'Visibility',
  maxUsers: 'User limit',
  onDuplicate: 'Duplicate handling',
  perPage: 'Page size',
  q: 'Search text',
  rrfK: 'RRF k',
  uid: 'Client id',
}

/** Words written in capitals inside a label. */
const ACRONYMS: Record<string, string> = {
  api: 'API',
  id: 'ID',
  ids: 'IDs',
  rrf: 'RRF',
  url: 'URL',
  urls: 'URLs',
  uuid: 'UUID',
}

/**
 * Messages for one field name and rule, where the generic one would not tell
 * the person what to type (a regex says nothing about what it wants).
 */
const FIELD_MESSAGES: Record<string, string> = {
  'slug.regex': 'Use lowercase letters, digits and hyphens, starting with a letter or digit',
  'color.regex': 'Use a hex colour such as #3b82f6',
  'primaryColor.regex': 'Use a hex colour such as #3b82f6',
  'accentColor.regex': 'Use a hex colour such as #3b82f6',
  'language.regex': 'Use a short language name such as python, c++ or c#',
  'logoUrl.url': 'Enter a full https:// address',
}

const count = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n))
const list = (values: unknown) =>
  (Array.isArray(values) ? values : [values]).map((value) => String(value)).join(', ')

/** The words of a field name: `fullName` → ["full", "name"], `tag_ids` → ["tag", "ids"]. */
function words(name: string) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase())
}

/** "abilities" → "ability", "tags" → "tag", "status" stays. */
function singular(word: string) {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y')
  if (/(ss|us|is)$/.test(word)) return word
  if (/(sh|ch|x|ss)es$/.test(word)) return word.replace(/es$/, '')
  return word.replace(/s$/, '')
}

/**
 * The words a field name stands for, lowercase: `projectId` → "project" (its
 * message says it is an id), `tagIds` → "tags", `embeddingProvider` → "embedding provider".
 */
function phrase(name: string) {
  const parts = words(name)
  const last = parts.at(-1)
  if (parts.length > 1 && last === 'id') parts.pop()
  if (parts.length > 1 && last === 'ids') {
    parts.pop()
    parts.push(`${parts.pop()}s`)
  }
  return parts.map((word) => ACRONYMS[word] ?? word).join(' ')
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const isIndex = (segment: string) => /^\d+$/.test(segment)

/** What one of a list's members is called: "tag" for `tagIds`, "item" for `data`. */
function memberNoun(listName: string | undefined) {
  if (!listName) return { one: 'item', many: 'items' }
  const many = LABELS[listName]?.toLowerCase() ?? phrase(listName)
  if (!/s$/.test(many)) return { one: 'item', many: 'items' }
  const parts = many.split(' ')
  return { one: [...parts.slice(0, -1), singular(parts.at(-1)!)].join(' '), many }
}

/**
 * The label of a field path, as a sentence starts: `fullName` → "Full name",
 * `settings.embeddingProvider` → "Embedding provider", `tagIds.1` → "Tag 2",
 * `items.0.name` → "Name". The whole body (path "") is "The request".
 */
export function fieldLabel(path: string) {
  const segments = path.split('.').filter(Boolean)
  const last = segments.at(-1)
  if (last === undefined) return 'The request'
  if (isIndex(last)) {
    const owner = segments.slice(0, -1).findLast((segment) => !isIndex(segment))
    const noun = memberNoun(owner)
    const position = Number(last) + 1
    if (noun.one === 'item' && owner) return `${sentence(phrase(owner))} item ${position}`
    return `${sentence(noun.one)} ${position}`
  }
  return LABELS[last] ?? sentence(phrase(last))
}

/** The noun a list field counts, for "Choose at most 1 tag". */
function listNoun(field: FieldContext) {
  const segments = field.getFieldPath().split('.').filter(Boolean)
  return memberNoun(segments.findLast((segment) => !isIndex(segment)))
}

const RULE_MESSAGES: Record<string, Message> = {
  // Presence and type
  'required': (label) => `${label} is required`,
  'string': (label) => `${label} must be text`,
  'number': (label) => `${label} must be a number`,
  'boolean': (label) => `${label} must be true or false`,
  'object': (label) => `${label} must be an object`,
  'record': (label) => `${label} must be an object`,
  'array': (label) => `${label} must be a list`,
  'tuple': (label) => `${label} must be a list`,
  'date': (label) => `${label} must be a valid date`,
  'union': (label) => `${label} has an invalid value`,
  'unionGroup': (label) => `${label} has an invalid value`,
  'unionOfTypes': (label) => `${label} has an invalid value`,
  'literal': (label, { expectedValue }) => `${label} must be ${String(expectedValue)}`,
  'accepted': (label) => `${label} must be accepted`,

  // Text
  'minLength': (label, { min }) =>
    min === 1 ? `${label} is required` : `At least ${plural(min, 'character')}`,
  'maxLength': (_, { max }) => `At most ${plural(max, 'character')}`,
  'fixedLength': (_, { size }) => `Exactly ${plural(size, 'character')}`,
  'email': () => 'Enter a valid email address',
  'url': () => 'Enter a valid URL',
  'activeUrl': () => 'Enter a URL that can be reached',
  'regex': (label) => `${label} has an invalid format`,
  'uuid': (label) => `${label} is not a valid id`,
  'ulid': (label) => `${label} is not a valid id`,
  'hexCode': () => 'Use a hex colour such as #3b82f6',
  'alpha': (label) => `${label} may contain only letters`,
  'alphaNumeric': (label) => `${label} may contain only letters and digits`,
  'ascii': (label) => `${label} may contain only ASCII characters`,
  'startsWith': (label, { substring }) => `${label} must start with "${substring}"`,
  'endsWith': (label, { substring }) => `${label} must end with "${substring}"`,
  'confirmed': (_, { originalField }) =>
    `${fieldLabel(String(originalField))} and its confirmation do not match`,
  'sameAs': (label, { otherField }) =>
    `${label} must match ${fieldLabel(otherField).toLowerCase()}`,
  'notSameAs': (label, { otherField }) =>
    `${label} must differ from ${fieldLabel(otherField).toLowerCase()}`,
  'ipAddress': () => 'Enter a valid IP address',
  'mobile': () => 'Enter a valid mobile phone number',
  'jwt': (label) => `${label} is not a valid token`,

  // Choices
  'enum': (label, { choices }) => `${label} must be one of: ${list(choices)}`,
  'in': (label, { choices, values }) => `${label} must be one of: ${list(choices ?? values)}`,
  'notIn': (label) => `${label} is not allowed`,

  // Numbers
  'min': (label, { min }) => `${label} must be at least ${count(min)}`,
  'max': (label, { max }) => `${label} must be at most ${count(max)}`,
  'range': (label, { min, max }) => `${label} must be between ${count(min)} and ${count(max)}`,
  'withoutDecimals': (label) => `${label} must be a whole number`,
  'decimal': (label, { digits }) => `${label} must have ${digits} decimal places`,
  'positive': (label) => `${label} must be greater than 0`,
  'negative': (label) => `${label} must be less than 0`,
  'nonNegative': (label) => `${label} must be 0 or more`,
  'nonPositive': (label) => `${label} must be 0 or less`,

  // Lists and objects: counted in what they hold ("Choose at most 1 tag")
  'array.minLength': (_, { min }, field) => {
    const noun = listNoun(field)
    return `Choose at least ${plural(min, noun.one, noun.many)}`
  },
  'array.maxLength': (_, { max }, field) => {
    const noun = listNoun(field)
    return `Choose at most ${plural(max, noun.one, noun.many)}`
  },
  'array.fixedLength': (_, { size }, field) => {
    const noun = listNoun(field)
    return `Choose exactly ${plural(size, noun.one, noun.many)}`
  },
  'notEmpty': (label) => `${label} cannot be empty`,
  'distinct': (label) => `${label} cannot contain the same value twice`,
  'record.minLength': (label, { min }) =>
    `${label} needs at least ${plural(min, 'entry', 'entries')}`,
  'record.maxLength': (label, { max }) =>
    `${label} may have at most ${plural(max, 'entry', 'entries')}`,
  'record.fixedLength': (label, { size }) =>
    `${label} needs exactly ${plural(size, 'entry', 'entries')}`,

  // Dates
  'date.equals': (label, { expectedValue }) => `${label} must be ${expectedValue}`,
  'date.after': (label, { expectedValue }) => `${label} must be after ${expectedValue}`,
  'date.afterOrEqual': (label, { expectedValue }) => `${label} must be ${expectedValue} or later`,
  'date.before': (label, { expectedValue }) => `${label} must be before ${expectedValue}`,
  'date.beforeOrEqual': (label, { expectedValue }) =>
    `${label} must be ${expectedValue} or earlier`,
  'date.afterField': (label, { otherField }) =>
    `${label} must be after ${fieldLabel(otherField).toLowerCase()}`,
  'date.beforeField': (label, { otherField }) =>
    `${label} must be before ${fieldLabel(otherField).toLowerCase()}`,

  // Database rules (@adonisjs/lucid)
  'database.unique': (label) => `${label} is already taken`,
  'database.exists': (label) => `${label} does not exist`,
}

/** `{{ field }}` placeholders in a message a rule brought itself. */
function interpolate(message: string, data: Args) {
  if (!message.includes('{{')) return message
  return message.replace(/{{\s*([\w.]+)\s*}}/g, (_, key: string) => String(data[key] ?? ''))
}

export class HumanMessagesProvider implements MessagesProviderContact {
  getMessage(defaultMessage: string, rule: string, field: FieldContext, args: Args = {}) {
    const special = FIELD_MESSAGES[`${String(field.name)}.${rule}`]
    if (special) return special
    const label = fieldLabel(field.getFieldPath())
    const message = RULE_MESSAGES[rule]
    if (message) return message(label, args, field)
    // A custom rule's own words ("Nothing to change: ..."), kept as it wrote them.
    return interpolate(defaultMessage, { ...args, field: label })
  }
}
