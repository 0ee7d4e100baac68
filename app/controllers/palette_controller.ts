import type { HttpContext } from '@adonisjs/core/http'
import { paletteValidator } from '#validators/palette'
import { searchPalette } from '#services/workspace_palette'

/** GET /api/v1/palette?q= — the command palette's groups for what the member typed. */
export default class PaletteController {
  async index(ctx: HttpContext) {
    const { q } = await ctx.request.validateUsing(paletteValidator, { data: ctx.request.qs() })
    return { data: await searchPalette(ctx, q) }
  }
}
