import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as shieldErrors } from '@adonisjs/shield'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /** Client errors are answers, not incidents: they are not logged. */
  protected ignoreStatuses = [400, 401, 403, 404, 409, 422, 429]

  async handle(error: unknown, ctx: HttpContext) {
    // Shield answers a bad CSRF token with a redirect; API clients need the 403 itself.
    if (error instanceof shieldErrors.E_BAD_CSRF_TOKEN && ctx.request.url().startsWith('/api/')) {
      return ctx.response.forbidden({ errors: [{ message: error.message }] })
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
