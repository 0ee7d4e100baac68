/*
| Who may listen to which channel. A channel not listed here is refused.
*/
import transmit from '@adonisjs/transmit/services/main'
import type { HttpContext } from '@adonisjs/core/http'

/** `users/<id>/…`: what happens to one user's own work (e.g. ingestion progress). */
transmit.authorize<{ id: string }>('users/:id/ingestion', async (ctx: HttpContext, { id }) => {
  const signedIn = await ctx.auth.check()
  return signedIn && ctx.auth.user!.id === id
})
