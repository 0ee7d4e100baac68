import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import { serializeUser } from '#transformers/serializers'
import { updateProfileValidator } from '#validators/users'
import { pendingChanges, recordUpdate } from '#services/change_log'
import { UnprocessableError } from '#exceptions/domain_errors'
import { revokeOtherCredentials } from '#auth/credential_revocation'

export default class MeController {
  async show({ tenant }: HttpContext) {
    return {
      user: serializeUser(tenant.user),
      tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug },
    }
  }

  /** Own name and password; a new password needs the current one. */
  async update(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(updateProfileValidator)
    const user = ctx.tenant.user
    user.useTransaction(ctx.tenant.trx)
    if (input.password) {
      if (!(await hash.verify(user.password, input.currentPassword ?? ''))) {
        throw new UnprocessableError([
          {
            field: 'currentPassword',
            message: 'The current password is not correct',
            rule: 'current',
          },
        ])
      }
      user.password = await hash.make(input.password)
    }
    if (input.fullName) user.fullName = input.fullName
    const changes = pendingChanges(user, ['fullName', 'password'])
    await user.save()
    // A stolen session or token must not outlive the password change meant to lock it out.
    const revoked = input.password ? await revokeOtherCredentials(ctx, user) : null
    await recordUpdate(ctx, {
      action: 'user.profile_updated',
      subjectType: 'user',
      subjectId: user.id,
      details: { ...(revoked && { revokedTokens: revoked.revokedTokens }) },
      changes,
    })
    return { user: serializeUser(user) }
  }
}
