import type { HttpContext } from '@adonisjs/core/http'
import { createAccessTokenValidator, issueTokenValidator } from '#validators/auth'
import { verifyCredentials } from '#services/credentials'
import { TenantAccessTokensUserProvider } from '#auth/tenant_access_tokens_user_provider'
import { actorOf, recordAudit } from '#services/audit'
import { NotFoundError } from '#exceptions/domain_errors'

const tokens = new TenantAccessTokensUserProvider()

const present = (row: Record<string, any>) => ({
  id: row.id,
  name: row.name,
  abilities: JSON.parse(row.abilities),
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
})

/** Personal access tokens: the secret is shown once, only its hash is stored. */
export default class AccessTokensController {
  /** Exchanges credentials for a token (CLI and API clients without a browser). */
  async issue({ request, response }: HttpContext) {
    const { workspace, email, password, name } = await request.validateUsing(issueTokenValidator)
    const user = await verifyCredentials(workspace, email, password, request.ip())
    const token = await tokens.createToken(user, ['*'], { name })
    return response.created({ id: token.identifier, token: token.value!.release(), name })
  }

  async index({ tenant }: HttpContext) {
    const rows = await tenant.trx
      .from('auth_access_tokens')
      .where('tokenable_id', tenant.user.id)
      .orderBy('created_at', 'desc')
    return { data: rows.map(present) }
  }

  async store(ctx: HttpContext) {
    const { name, expiresInDays } = await ctx.request.validateUsing(createAccessTokenValidator)
    const token = await tokens.createToken(
      ctx.tenant.user,
      ['*'],
      { name, expiresIn: expiresInDays ? `${expiresInDays} days` : undefined },
      ctx.tenant.trx
    )
    await recordAudit(ctx.tenant.trx, actorOf(ctx), {
      action: 'access_token.created',
      subjectType: 'access_token',
      subjectId: String(token.identifier),
      details: { name },
    })
    return ctx.response.created({
      id: token.identifier,
      name,
      token: token.value!.release(),
      expiresAt: token.expiresAt,
    })
  }

  async destroy(ctx: HttpContext) {
    const deleted = await ctx.tenant.trx
      .from('auth_access_tokens')
      .where({ id: ctx.params.id, tokenable_id: ctx.tenant.user.id })
      .delete()
    if (!Number(deleted)) throw new NotFoundError('Access token not found')
    await recordAudit(ctx.tenant.trx, actorOf(ctx), {
      action: 'access_token.revoked',
      subjectType: 'access_token',
      subjectId: ctx.params.id,
    })
    return ctx.response.noContent()
  }
}
