import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { deleteAccessTokensOf } from '#services/queries/access_tokens'

/**
 * After a password change or reset: ends every other session of the user (by
 * moving their credentials version on) and deletes their access tokens. When
 * users change their own password, the session or token they did it with
 * survives; when an admin resets someone else's, nothing of theirs does.
 * Call inside the request's tenant transaction, before `user.save()`.
 */
export async function revokeOtherCredentials(ctx: HttpContext, user: User) {
  const { trx } = ctx.tenant
  const self = ctx.auth.user?.id === user.id
  const currentToken =
    self && ctx.auth.authenticatedViaGuard === 'api'
      ? ctx.auth.use('api').user?.currentAccessToken.identifier
      : undefined

  user.credentialsVersion = (user.credentialsVersion ?? 0) + 1
  await user.useTransaction(trx).save()

  const revokedTokens = await deleteAccessTokensOf(
    trx,
    user.id,
    currentToken === undefined ? undefined : String(currentToken)
  )

  // The session that made the change re-signs under the new version (and a new session id).
  if (self && ctx.auth.authenticatedViaGuard === 'web') await ctx.auth.use('web').login(user)
  return { revokedTokens }
}
