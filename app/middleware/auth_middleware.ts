import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { tokenAllows } from '#auth/token_abilities'

/**
 * Auth middleware is used authenticate HTTP requests and deny
 * access to unauthenticated users.
 */
export default class AuthMiddleware {
  /**
   * The URL to redirect to, when authentication fails
   */
  redirectTo = '/login'

  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: {
      guards?: (keyof Authenticators)[]
      /** The plugin owning the route, for tokens limited to a plugin. */
      plugin?: string
    } = {}
  ) {
    await ctx.auth.authenticateUsing(options.guards, { loginRoute: this.redirectTo })
    // An access token reaches only what its abilities cover (read-only, one plugin…).
    if (ctx.auth.authenticatedViaGuard === 'api') {
      const { abilities } = ctx.auth.use('api').user!.currentAccessToken
      if (!tokenAllows(abilities, { method: ctx.request.method(), plugin: options.plugin })) {
        return ctx.response.forbidden({
          errors: [{ message: 'This access token does not allow this request' }],
        })
      }
    }
    return next()
  }
}
