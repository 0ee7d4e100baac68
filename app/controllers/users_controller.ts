import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import { createUserValidator, listUsersValidator, updateUserValidator } from '#validators/users'
import { paginated, serializeUser } from '#transformers/serializers'
import { pendingChanges, recordChange, recordUpdate } from '#services/change_log'
import {
  countActiveUsers,
  emailInUse,
  listUsers,
  lockActiveAdminIds,
} from '#services/queries/users'
import { deleteAccessTokensOf } from '#services/queries/access_tokens'
import { ConflictError, NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import { plural } from '#services/plural'
import { revokeOtherCredentials } from '#auth/credential_revocation'

/** Tenant admins manage the tenant's users. */
export default class UsersController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const filters = await ctx.request.validateUsing(listUsersValidator, { data: ctx.request.qs() })
    return paginated(await listUsers(ctx.tenant.trx, filters), serializeUser)
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const input = await ctx.request.validateUsing(createUserValidator)
    const { trx, model: tenant } = ctx.tenant
    if ((await countActiveUsers(trx)) >= tenant.maxUsers) {
      throw new UnprocessableError([
        {
          field: 'email',
          message: `The workspace's limit of ${plural(tenant.maxUsers, 'user')} is reached`,
          rule: 'limit',
        },
      ])
    }
    if (await emailInUse(trx, input.email)) {
      throw new UnprocessableError([
        { field: 'email', message: 'This email is already in use', rule: 'unique' },
      ])
    }
    const user = await User.create(
      {
        tenantId: ctx.tenant.id,
        email: input.email,
        fullName: input.fullName,
        password: await hash.make(input.password),
        role: input.role ?? 'member',
        isActive: true,
      },
      { client: trx }
    )
    await record(ctx, user, 'user.created', { email: user.email, role: user.role })
    return ctx.response.created({ data: serializeUser(user) })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    return { data: serializeUser(await findUser(ctx)) }
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const user = await findUser(ctx)
    const input = await ctx.request.validateUsing(updateUserValidator)
    if (input.role && input.role !== 'admin' && user.isAdmin) await assertAnotherAdmin(ctx)
    if (input.fullName) user.fullName = input.fullName
    if (input.role) user.role = input.role
    if (input.password) user.password = await hash.make(input.password)
    // The new hash always differs: a reset is recorded as `password: { redacted: true }`.
    const changes = pendingChanges(user, ['fullName', 'role', 'password'])
    await user.save()
    // A reset signs the user out everywhere: whoever held their old password loses access.
    const revoked = input.password ? await revokeOtherCredentials(ctx, user) : null
    await recordUpdate(ctx, {
      action: userUpdateAction(Object.keys(changes)),
      subjectType: 'user',
      subjectId: user.id,
      details: {
        email: user.email,
        ...(revoked && { revokedTokens: revoked.revokedTokens }),
      },
      payload: serializeUser(user),
      changes,
    })
    return { data: serializeUser(user) }
  }

  async deactivate(ctx: HttpContext) {
    return this.#setActive(ctx, false)
  }

  async reactivate(ctx: HttpContext) {
    return this.#setActive(ctx, true)
  }

  /** Deactivated users keep their history but cannot sign in; their tokens stop working. */
  async #setActive(ctx: HttpContext, isActive: boolean) {
    await ctx.bouncer.authorize('administerTenant')
    const user = await findUser(ctx)
    if (!isActive && user.isAdmin) await assertAnotherAdmin(ctx)
    user.isActive = isActive
    // Sessions of a deactivated user stay dead after a reactivation.
    if (!isActive) user.credentialsVersion = (user.credentialsVersion ?? 0) + 1
    await user.save()
    if (!isActive) await deleteAccessTokensOf(ctx.tenant.trx, user.id)
    await record(ctx, user, isActive ? 'user.reactivated' : 'user.deactivated', {})
    return { data: serializeUser(user) }
  }
}

async function findUser(ctx: HttpContext) {
  const user = await User.find(ctx.params.id, { client: ctx.tenant.trx })
  if (!user) throw new NotFoundError('User not found')
  return user
}

async function assertAnotherAdmin(ctx: HttpContext) {
  const admins = await lockActiveAdminIds(ctx.tenant.trx)
  if (admins.length <= 1)
    throw new ConflictError('The last active admin of the workspace must stay one')
}

/** The action says the most important thing that changed: the role, else a lone password reset. */
function userUpdateAction(changed: string[]) {
  if (changed.includes('role')) return 'user.role_changed'
  if (changed.length === 1 && changed[0] === 'password') return 'user.password_reset'
  return 'user.updated'
}

function record(ctx: HttpContext, user: User, action: string, details: Record<string, unknown>) {
  return recordChange(ctx, {
    action,
    subjectType: 'user',
    subjectId: user.id,
    details,
    payload: { ...serializeUser(user), ...details },
  })
}
