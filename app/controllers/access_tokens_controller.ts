import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import { PluginRegistry } from '#plugins_core/registry'
import { assertKnownAbilities } from '#auth/token_abilities'
import { createAccessTokenValidator, issueTokenValidator } from '#validators/auth'
import { verifyCredentials } from '#services/credentials'
import { TenantAccessTokensUserProvider } from '#auth/tenant_access_tokens_user_provider'
import { actorOf, recordAudit } from '#services/audit'
import { NotFoundError } from '#exceptions/domain_errors'
import { accessTokensOf, deleteAccessTokenOf } from '#services/queries/access_tokens'

const tokens = new TenantAccessTokensUserProvider()

/** Personal access tokens: the secret is shown once, only its hash is stored. */
@inject()
export default class AccessTokensController {
  constructor(private registry: PluginRegistry) {}

  /** Exchanges credentials for a token (CLI and API clients without a browser). */
  async issue({ request, response }: HttpContext) {
    const input = await request.validateUsing(issueTokenValidator)
    const abilities = this.#abilities(input.abilities)
    const user = await verifyCredentials(input.workspace, input.email, input.password, request.ip())
    const token = await tokens.createToken(user, abilities, { name: input.name })
    return response.created({
      id: token.identifier,
      token: token.value!.release(),
      name: input.name,
      abilities,
    })
  }

  async index({ tenant }: HttpContext) {
    return { data: await accessTokensOf(tenant.trx, tenant.user.id) }
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createAccessTokenValidator)
    const { name, expiresInDays } = input
    const abilities = this.#abilities(input.abilities)
    const token = await tokens.createToken(
      ctx.tenant.user,
      abilities,
      { name, expiresIn: expiresInDays ? `${expiresInDays} days` : undefined },
      ctx.tenant.trx
    )
    await recordAudit(ctx.tenant.trx, actorOf(ctx), {
      action: 'access_token.created',
      subjectType: 'access_token',
      subjectId: String(token.identifier),
      details: { name, abilities },
    })
    return ctx.response.created({
      id: token.identifier,
      name,
      abilities,
      token: token.value!.release(),
      expiresAt: token.expiresAt,
    })
  }

  /** Requested abilities, each known (422 naming `abilities` otherwise); all by default. */
  #abilities(requested: string[] | undefined) {
    if (!requested) return ['*']
    assertKnownAbilities(
      requested,
      this.registry.plugins.map((plugin) => plugin.name)
    )
    return requested
  }

  async destroy(ctx: HttpContext) {
    const deleted = await deleteAccessTokenOf(ctx.tenant.trx, ctx.tenant.user.id, ctx.params.id)
    if (!deleted) throw new NotFoundError('Access token not found')
    await recordAudit(ctx.tenant.trx, actorOf(ctx), {
      action: 'access_token.revoked',
      subjectType: 'access_token',
      subjectId: ctx.params.id,
    })
    return ctx.response.noContent()
  }
}
