import type { HttpContext } from '@adonisjs/core/http'
import { accessTokensOf } from '#services/queries/access_tokens'

/** The signed-in user's own pages: profile and access tokens. */
export default class AccountPagesController {
  async profile(ctx: HttpContext) {
    const { user } = ctx.tenant
    return ctx.inertia.render('app/profile', {
      profile: { fullName: user.fullName, email: user.email, role: user.role },
    })
  }

  async tokens(ctx: HttpContext) {
    const { trx, user } = ctx.tenant
    return ctx.inertia.render('app/tokens', {
      tokens: await accessTokensOf(trx, user.id),
    })
  }
}
