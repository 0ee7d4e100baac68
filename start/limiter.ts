/*
| HTTP rate limits, applied per route. Counters are shared through Redis when
| it is configured (config/limiter.ts). Keys name whose budget a request spends:
| a signed-in user's, or for sign-in routes the address *and* the account, so
| nobody can spend somebody else's budget from elsewhere.
*/
import type { HttpContext } from '@adonisjs/core/http'
import type { MiddlewareFn } from '@adonisjs/core/types/http'
import limiter from '@adonisjs/limiter/services/main'

/**
 * `limiter.define`, deferred to the first request: plugin route files import
 * these while the application is still booting, before the limiter service exists.
 */
function defineThrottle(name: string, builder: Parameters<typeof limiter.define>[1]) {
  let middleware: MiddlewareFn | undefined
  const throttle: MiddlewareFn = (ctx, next) => {
    middleware ??= limiter.define(name, builder)
    return middleware(ctx, next)
  }
  return throttle
}

/** The client's address (X-Forwarded-For is believed only from trusted proxies: config/app.ts). */
const address = (ctx: HttpContext) => ctx.request.ip()

/** "workspace/email" as typed in a sign-in body, trimmed and bounded; raw input, not yet validated. */
function accountIn(ctx: HttpContext) {
  const field = (name: string) =>
    String(ctx.request.input(name, '')).trim().toLowerCase().slice(0, 255)
  return `${field('workspace')}/${field('email')}`
}

/** Uploads: 30 a minute per user. */
export const throttleUploads = defineThrottle('uploads', (ctx) =>
  limiter.allowRequests(30).every('1 minute').usingKey(`user:${ctx.auth.user!.id}`)
)

/** New access tokens of a signed-in user (`/me/tokens`): 10 a minute per user. */
export const throttleTokenCreation = defineThrottle('token_creation', (ctx) =>
  limiter.allowRequests(10).every('1 minute').usingKey(`user:${ctx.auth.user!.id}`)
)

/**
 * The credentials-for-token exchange (`/auth/tokens`): 10 a minute per address
 * and account. Wrong passwords are limited more tightly in #services/credentials.
 */
export const throttleTokenIssue = defineThrottle('token_issue', (ctx) =>
  limiter
    .allowRequests(10)
    .every('1 minute')
    .usingKey(`${address(ctx)}:${accountIn(ctx)}`)
)

/**
 * Wrong operator tokens (sign-in form or bearer): 10 a minute from one address,
 * then that address waits 15 minutes. Used with `penalize`: right tokens are free.
 */
export const operatorTokenGuesses = () =>
  limiter.use({ requests: 10, duration: '1 min', blockDuration: '15 mins' })

/** Questions and regenerations sent to a model (threads): 100 a minute per user. */
export const throttleGenerations = defineThrottle('generations', (ctx) =>
  limiter.allowRequests(100).every('1 minute').usingKey(`user:${ctx.auth.user!.id}`)
)
