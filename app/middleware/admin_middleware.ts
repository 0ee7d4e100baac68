import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** The admin console is for tenant admins; everyone else gets the 403 page. */
export default class AdminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.tenant.user.isAdmin) {
      ctx.response.status(403)
      return ctx.inertia.render('errors/forbidden', {
        message: 'The admin console is for workspace admins. Ask one of them if you need access.',
      })
    }
    return next()
  }
}
