import type { HttpContext } from '@adonisjs/core/http'

export type ColorMode = 'light' | 'dark' | 'system'

/** The browser remembers the reader's choice in this plain cookie (set by the page, read here). */
export const COLOR_MODE_COOKIE = 'cn_color_mode'

export function colorModeOf(ctx: HttpContext): ColorMode {
  const value = ctx.request.plainCookie(COLOR_MODE_COOKIE, undefined, false)
  return value === 'light' || value === 'dark' ? value : 'system'
}
