import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { UnprocessableError, type FieldError } from '#exceptions/domain_errors'

/**
 * Refuses text PostgreSQL cannot store before any handler sees it: a NUL
 * character (`\u0000`) or an unpaired UTF-16 surrogate (`"\ud800"` is valid
 * JSON, but not Unicode) anywhere in the request — body (nested objects and
 * arrays, keys included), query string, route params, headers, multipart field
 * names and file names. Without this, such a string reaches an insert (or the
 * audit log) and the request fails with a 500.
 *
 * One place for every route: registered as router middleware right after the
 * body parser, so the parsed body and the uploaded files' names are known.
 * Answers 422 naming the field, like a validation error.
 */
export default class InputGuardMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const problems = findUnstorableText(ctx)
    if (problems.length > 0) throw new UnprocessableError(problems)
    if (isEmptyChange(ctx)) {
      throw new UnprocessableError([
        {
          field: 'body',
          message: 'Nothing to change: send an object with the fields to change',
          rule: 'somethingToChange',
        },
      ])
    }
    return next()
  }
}

/**
 * A PATCH or PUT changes fields of a resource: a body that is not an object
 * with at least one field (`{}`, an array, nothing) has nothing to change. The
 * update validators say the same per field (#validators/changes); this covers
 * every route, a plugin's included.
 */
function isEmptyChange({ request }: HttpContext) {
  if (!['PATCH', 'PUT'].includes(request.method())) return false
  if (Object.keys(request.allFiles()).length > 0) return false
  const body: unknown = request.body()
  if (Array.isArray(body)) return true
  return body === null || typeof body !== 'object' || Object.keys(body).length === 0
}

/** What is wrong with a string, or null when PostgreSQL can store it. */
export function unstorable(value: string): string | null {
  if (value.includes('\u0000')) return 'a NUL character'
  if (!value.isWellFormed()) return 'an unpaired UTF-16 surrogate (invalid Unicode)'
  return null
}

/** Every offending field of the request (at most a few, so the answer stays short). */
export function findUnstorableText(ctx: HttpContext): FieldError[] {
  const problems: FieldError[] = []
  const { request } = ctx
  inspect(request.body(), 'body', problems)
  inspect(request.qs(), 'query', problems)
  inspect(ctx.params ?? {}, 'params', problems)
  inspect(request.headers(), 'headers', problems)
  for (const file of uploadedFiles(request.allFiles())) {
    const inField = unstorable(file.fieldName)
    if (inField) problems.push(problem(`files.${file.fieldName}`, 'The upload field name', inField))
    const inName = unstorable(file.clientName ?? '')
    if (inName) {
      problems.push(
        problem(file.fieldName, `The name of the file uploaded as "${file.fieldName}"`, inName)
      )
    }
  }
  return problems
    .slice(0, MAX_REPORTED)
    .map((error) => ({ ...error, field: printable(error.field) }))
}

const MAX_REPORTED = 10

type Location = 'body' | 'query' | 'params' | 'headers'

/**
 * Walks any JSON-like value without recursion (a deeply nested body must not
 * overflow the stack), checking both keys and string values.
 */
function inspect(root: unknown, location: Location, problems: FieldError[]) {
  const pending: Array<[unknown, string]> = [[root, '']]
  while (pending.length > 0 && problems.length < MAX_REPORTED) {
    const [value, path] = pending.pop()!
    if (typeof value === 'string') {
      const issue = unstorable(value)
      if (issue) problems.push(problem(fieldName(location, path), describe(location, path), issue))
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, join(path, String(index))]))
    } else if (value !== null && typeof value === 'object' && isPlain(value)) {
      for (const [key, item] of Object.entries(value)) {
        const keyIssue = unstorable(key)
        if (keyIssue) {
          const name = fieldName(location, join(path, key))
          problems.push(problem(name, `The name of the field "${name}"`, keyIssue))
        }
        pending.push([item, join(path, key)])
      }
    }
  }
}

/** Body fields are named as validation errors name them; the rest by where they came from. */
function fieldName(location: Location, path: string) {
  if (location === 'body') return path || 'body'
  return join(location, path)
}

function describe(location: Location, path: string) {
  if (!path) return `The request ${location === 'body' ? 'body' : location}`
  if (location === 'query') return `The query parameter "${path}"`
  if (location === 'params') return `The path parameter "${path}"`
  if (location === 'headers') return `The header "${path}"`
  return `The field "${path}"`
}

/** Multipart files live in the body parser's own objects, possibly nested in arrays. */
function uploadedFiles(files: Record<string, unknown>) {
  const found: Array<{ fieldName: string; clientName?: string }> = []
  const pending: unknown[] = Object.values(files)
  while (pending.length > 0) {
    const value = pending.pop()
    if (Array.isArray(value)) pending.push(...value)
    else if (value && typeof value === 'object' && 'fieldName' in value) {
      found.push(value as { fieldName: string; clientName?: string })
    } else if (value && typeof value === 'object') pending.push(...Object.values(value))
  }
  return found
}

function isPlain(value: object) {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function join(path: string, key: string) {
  return path ? `${path}.${key}` : key
}

function problem(field: string, what: string, issue: string): FieldError {
  return {
    field,
    message: `${printable(what)} contains ${issue}, which cannot be stored`,
    rule: 'text',
  }
}

/** The bad characters themselves are not echoed back. */
function printable(text: string) {
  return text.replaceAll('\u0000', '\\0').toWellFormed()
}
