import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import { errors as authErrors } from '@adonisjs/auth'
import { DateTime } from 'luxon'
import User from '#models/user'
import { resolveTenantKey, withTenant } from '#tenancy/with_tenant'
import { recordAudit } from '#services/audit'

/*
 * Five wrong passwords per minute for one address and account (workspace + email),
 * then a 5 minute block for that pair only: guesses from elsewhere never lock the
 * account's owner out. The workspace counts by the tenant it names, so typing its
 * slug and then its domain does not double an attacker's tries.
 */
const loginLimiter = () => limiter.use({ requests: 5, duration: '1 min', blockDuration: '5 mins' })

/* Compared when the user does not exist, so timing does not tell which emails exist. */
let decoyHash: Promise<string> | undefined

/**
 * Checks a workspace + email + password triple, throttled. Throws the auth
 * package's invalid-credentials error, or a 429 once the limit is reached.
 */
export async function verifyCredentials(
  workspace: string,
  email: string,
  password: string,
  ip: string
) {
  const tenant = await resolveTenantKey(workspace)
  const key = `login:${ip}:${tenant?.id ?? workspace.toLowerCase()}:${email}`
  const [throttled, user] = await loginLimiter().penalize(key, () =>
    findAndVerify(tenant, email, password, ip)
  )
  if (throttled) throw throttled
  return user
}

async function findAndVerify(
  tenant: Awaited<ReturnType<typeof resolveTenantKey>>,
  email: string,
  password: string,
  ip: string
) {
  decoyHash ??= hash.make('not-a-real-password')
  if (!tenant || !tenant.is_active) {
    await hash.verify(await decoyHash, password)
    throw new authErrors.E_INVALID_CREDENTIALS('Invalid workspace, email or password')
  }
  return withTenant(tenant.id, async (trx) => {
    const user = await User.query({ client: trx })
      .where('email', email)
      .where('is_active', true)
      .first()
    const valid = await hash.verify(user?.password ?? (await decoyHash!), password)
    if (!user || !valid) {
      throw new authErrors.E_INVALID_CREDENTIALS('Invalid workspace, email or password')
    }
    user.lastLoginAt = DateTime.now()
    await user.save()
    await recordAudit(
      trx,
      { tenantId: tenant.id, actorId: user.id, actorType: 'user', ipAddress: ip },
      { action: 'auth.login', subjectType: 'user', subjectId: user.id }
    )
    return user
  })
}
