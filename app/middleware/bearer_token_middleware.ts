import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isOperatorToken } from '#middleware/operator_middleware'
import { markBearerVerified } from '#auth/verified_bearer'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Runs before shield: verifies a state-changing request's bearer token (a tenant
 * access token through the `api` guard, or the operator token) so that the CSRF
 * exemption depends on credentials that checked out, never on the header alone.
 * The guard remembers the outcome, so the route's `auth` middleware does not
 * verify the token a second time.
 */
export default class BearerTokenMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const bearer = ctx.request.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
    if (bearer && !SAFE_METHODS.has(ctx.request.method())) {
      if (isOperatorToken(bearer) || (await ctx.auth.use('api').check())) markBearerVerified(ctx)
    }
    return next()
  }
}
