import type { HttpContext } from '@adonisjs/core/http'

/*
| Requests whose bearer credentials were verified before CSRF protection ran.
| Only those may skip the CSRF check: a third-party page cannot make a browser
| send a valid token, but it can make it send a session cookie next to a junk
| `Authorization: Bearer …` header.
*/
const verified = new WeakSet<HttpContext>()

export function markBearerVerified(ctx: HttpContext) {
  verified.add(ctx)
}

export function hasVerifiedBearer(ctx: HttpContext) {
  return verified.has(ctx)
}
