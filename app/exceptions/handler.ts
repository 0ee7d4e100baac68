import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as shieldErrors } from '@adonisjs/shield'
import { JSON_LIMIT_BYTES, MULTIPART_LIMIT_BYTES } from '#config/bodyparser'
import { clientDataErrors } from '#exceptions/database_errors'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /** Client errors are answers, not incidents: they are not logged. */
  protected ignoreStatuses = [400, 401, 403, 404, 409, 422, 429]

  async handle(error: unknown, ctx: HttpContext) {
    // Shield answers a bad CSRF token with a redirect; API clients need the 403 itself.
    if (error instanceof shieldErrors.E_BAD_CSRF_TOKEN && ctx.request.url().startsWith('/api/')) {
      return ctx.response.forbidden({ errors: [{ message: error.message }] })
    }
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
