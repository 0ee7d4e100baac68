import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as shieldErrors } from '@adonisjs/shield'
import { errors as authErrors } from '@adonisjs/auth'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { errors as httpErrors } from '@adonisjs/core'
import { JSON_LIMIT_BYTES, MULTIPART_LIMIT_BYTES } from '#config/bodyparser'
import { clientDataErrors } from '#exceptions/database_errors'
import { duration } from '#services/plural'

/** What a 404 says: the same words as the plugin and operator middleware use for a switched-off address. */
const NOT_FOUND_MESSAGE = 'This address does not exist'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /** Client errors are answers, not incidents: they are not logged. */
  protected ignoreStatuses = [400, 401, 403, 404, 409, 422, 429]

  async handle(error: unknown, ctx: HttpContext) {
    const api = ctx.request.url().startsWith('/api/')
    // Shield answers a bad CSRF token with a redirect; API clients need the 403 itself.
    if (error instanceof shieldErrors.E_BAD_CSRF_TOKEN && api) {
      return ctx.response.forbidden({
        errors: [{ message: 'This page has expired. Reload it and try again.' }],
      })
    }
    // An API answers in its own shape, not with the framework's debug page.
    if (error instanceof httpErrors.E_ROUTE_NOT_FOUND && api) {
      return ctx.response.notFound({ errors: [{ message: NOT_FOUND_MESSAGE }] })
    }
    if (error instanceof lucidErrors.E_ROW_NOT_FOUND && api) {
      return ctx.response.notFound({
        errors: [{ message: 'This was not found. It may have been deleted.' }],
      })
    }
    humanize(error)
    // Input PostgreSQL refuses (too long, NUL, bad encoding) is the client's mistake: 422.
    const dataErrors = clientDataErrors(error)
    if (dataErrors) return ctx.response.unprocessableEntity({ errors: dataErrors })
    // The body parser cut a request off at its limit (config/bodyparser.ts): say what and how much.
    if ((error as { code?: string } | null)?.code === 'E_REQUEST_ENTITY_TOO_LARGE') {
      return ctx.response.status(413).send({ errors: [requestTooLarge(ctx)] })
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    // Still logged: reaching PostgreSQL with such input means a validator is missing.
    if (clientDataErrors(error)) {
      ctx.logger.warn({ err: error }, 'input refused by PostgreSQL: a validator is missing')
      return
    }
    return super.report(error, ctx)
  }
}

/**
 * The framework's stock wording ("Unauthorized access", "Access denied", "Too
 * many requests") in words a person reads; each error still renders itself,
 * with its own status, redirects and headers.
 */
function humanize(error: unknown) {
  if (error instanceof authErrors.E_UNAUTHORIZED_ACCESS) {
    error.message = 'Sign in again: your session has ended or the access token is not valid'
  } else if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
    // An ability's own reason (AuthorizationResponse.deny('...')) is kept.
    if (!error.response.message) error.message = 'You do not have permission to do this'
  } else if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
    error.setMessage(`Too many attempts. Try again in ${duration(error.response.availableIn)}.`)
  }
}

/** A multipart request carries the upload (`file`); a JSON one the edited text (`body`). */
function requestTooLarge(ctx: HttpContext) {
  const upload = Boolean(ctx.request.is(['multipart/form-data']))
  const limit = upload ? MULTIPART_LIMIT_BYTES : JSON_LIMIT_BYTES
  const megabytes = Math.floor(limit / 1024 / 1024)
  return {
    field: upload ? 'file' : 'body',
    message: upload
      ? `The upload is larger than this server accepts (${megabytes} MB in all)`
      : `The request body is larger than this server accepts (${megabytes} MB)`,
    rule: 'size',
  }
}
