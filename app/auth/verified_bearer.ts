import type { HttpContext } from '@adonisjs/core/http'

/*
| Requests whose bearer credentials were verified before CSRF protection ran.
| Only those may skip the CSRF check: a third-party page cannot make a browser
| send a valid token of the victim, but it can make it send the victim's session
| cookie next to a junk `Authorization: Bearer …` header.
*/
const verified = new WeakSet<HttpContext>()

/*
| Routes that sign a session in or out act on the cookie whatever token comes
| with them: a valid token (the attacker's own) must not let a forged request
| sign the victim's browser into another account, or out.
*/
const SESSION_ROUTES = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/platform/session',
])

export function markBearerVerified(ctx: HttpContext) {
  if (!SESSION_ROUTES.has(ctx.route?.pattern ?? '')) verified.add(ctx)
}

export function hasVerifiedBearer(ctx: HttpContext) {
  return verified.has(ctx)
}
