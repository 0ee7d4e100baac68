import type { TenantBranding } from '#services/tenant_settings'

/*
| The tenant's brand colours as Nuxt UI theme variables, adjusted so text stays readable:
| in the light theme the primary colour is text on white and the background of white
| button labels; in the dark theme it is text on the dark page and the background of dark
| labels. A colour that is too light (or too dark) for its theme is mixed towards black (or
| white) until it reaches WCAG's 4.5:1 — the hue stays the tenant's.
*/

const LIGHT_BACKGROUND = '#ffffff'
const DARK_BACKGROUND = '#0f172a' // slate-900, the dark theme's page
const MINIMUM_CONTRAST = 4.5

type Rgb = [number, number, number]

function parseHex(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

function toHex(rgb: Rgb) {
  return `#${rgb.map((part) => Math.round(part).toString(16).padStart(2, '0')).join('')}`
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance(hex: string) {
  const [r, g, b] = parseHex(hex).map((part) => {
    const channel = part / 255
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrast(a: string, b: string) {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (high + 0.05) / (low + 0.05)
}

function mix(hex: string, towards: string, amount: number) {
  const from = parseHex(hex)
  const to = parseHex(towards)
  return toHex(from.map((part, index) => part + (to[index] - part) * amount) as Rgb)
}

/** The colour itself when it reads well on `background`, else the nearest mix that does. */
export function readableOn(hex: string, background: string) {
  const towards = luminance(background) > 0.5 ? '#000000' : '#ffffff'
  for (let step = 0; step <= 20; step++) {
    const candidate = step === 0 ? hex.toLowerCase() : mix(hex, towards, step / 20)
    if (contrast(candidate, background) >= MINIMUM_CONTRAST) return candidate
  }
  return towards
}

/** A stylesheet for the page head, or null when the tenant keeps the default colours. */
export function brandStylesheet(branding: Pick<TenantBranding, 'primaryColor' | 'accentColor'>) {
  const light: string[] = []
  const dark: string[] = []
  for (const [variable, color] of [
    ['--ui-primary', branding.primaryColor],
    ['--ui-secondary', branding.accentColor],
  ] as const) {
    if (!color) continue
    light.push(`${variable}: ${readableOn(color, LIGHT_BACKGROUND)};`)
    dark.push(`${variable}: ${readableOn(color, DARK_BACKGROUND)};`)
  }
  if (light.length === 0) return null
  return `:root { ${light.join(' ')} } .dark { ${dark.join(' ')} }`
}
