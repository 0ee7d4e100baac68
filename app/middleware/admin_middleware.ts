import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** The admin console is for tenant admins; everyone else gets the 403 page. */
export default class AdminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.tenant.user.isAdmin) {
      // A middleware's return value is not the response body: send the page explicitly.
      const page = await ctx.inertia.render('errors/forbidden', {
        message: 'The admin console is for workspace admins. Ask one of them if you need access.',
      })
      return ctx.response.status(403).send(page)
    }
    return next()
  }
}
