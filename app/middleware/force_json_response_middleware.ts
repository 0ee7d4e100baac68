import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * API routes always answer JSON, errors included (401 instead of a login
 * redirect, 403 for a bad CSRF token). A server middleware, so it also covers
 * errors raised by router middleware such as shield.
 */
export default class ForceJsonResponseMiddleware {
  async handle({ request }: HttpContext, next: NextFn) {
    if (request.url().startsWith('/api/')) request.headers().accept = 'application/json'
    return next()
  }
}
