import type { HttpContext } from '@adonisjs/core/http'
import { workspaceNavigation } from '#services/queries/navigation'

/** The signed-in user's own pages: profile and access tokens. */
export default class AccountPagesController {
  async profile(ctx: HttpContext) {
    const { trx, user } = ctx.tenant
    return ctx.inertia.render('app/profile', {
      navigation: await workspaceNavigation(trx, user),
      profile: { fullName: user.fullName, email: user.email, role: user.role },
    })
  }

  async tokens(ctx: HttpContext) {
    const { trx, user } = ctx.tenant
    const rows = await trx
      .from('auth_access_tokens')
      .where('tokenable_id', user.id)
      .orderBy('created_at', 'desc')
      .select('id', 'name', 'created_at', 'last_used_at', 'expires_at')
    const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)
    return ctx.inertia.render('app/tokens', {
      navigation: await workspaceNavigation(trx, user),
      tokens: rows.map((row) => ({
        id: row.id as string,
        name: (row.name as string | null) ?? '(unnamed)',
        createdAt: iso(row.created_at)!,
        lastUsedAt: iso(row.last_used_at),
        expiresAt: iso(row.expires_at),
      })),
    })
  }
}
