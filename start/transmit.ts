/*
| Who may listen to which channel. A channel not listed here is refused.
*/
import vine from '@vinejs/vine'
import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { UnprocessableError } from '#exceptions/domain_errors'

/** `users/<id>/…`: what happens to one user's own work (e.g. ingestion progress). */
transmit.authorize<{ id: string }>('users/:id/ingestion', async (ctx: HttpContext, { id }) => {
  const signedIn = await ctx.auth.check()
  return signedIn && ctx.auth.user!.id === id
})

const uid = () => vine.string().trim().uuid()
const streamInput = vine.create(vine.object({ uid: uid() }))
const channelInput = vine.create(
  vine.object({ uid: uid(), channel: vine.string().trim().minLength(1).maxLength(255) })
)

/**
 * Transmit's own controllers throw (500) on a subscribe without a channel or a
 * stream without a uid: its routes validate their input first (422 naming the
 * field). Registered in start/routes.ts through `transmit.registerRoutes`.
 */
export async function transmitInputGuard(ctx: HttpContext, next: NextFn) {
  const validator = ctx.request.method() === 'GET' ? streamInput : channelInput
  // A 422 for every client (a validation error would redirect an EventSource back).
  const [error] = await validator.tryValidate(ctx.request.all())
  if (error) throw new UnprocessableError(error.messages)
  return next()
}
