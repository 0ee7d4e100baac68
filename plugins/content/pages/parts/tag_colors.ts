/** Preset tag colours: named, so a swatch has an accessible name. */
export const TAG_COLORS = [
  { name: 'Slate', value: '#64748b' },
  { name: 'Red', value: '#ef4444' },
  { name: 'Orange', value: '#f97316' },
  { name: 'Amber', value: '#f59e0b' },
  { name: 'Yellow', value: '#fde047' },
  { name: 'Lime', value: '#a3e635' },
  { name: 'Green', value: '#22c55e' },
  { name: 'Teal', value: '#14b8a6' },
  { name: 'Sky', value: '#38bdf8' },
  { name: 'Blue', value: '#3b82f6' },
  { name: 'Indigo', value: '#6366f1' },
  { name: 'Violet', value: '#8b5cf6' },
  { name: 'Pink', value: '#ec4899' },
] as const

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string) {
  const channels = [1, 3, 5].map((start) => {
    const value = Number.parseInt(hex.slice(start, start + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
}

/**
 * The text colour readable on a tag's colour: near-black or white, whichever contrasts
 * more (contrast = (L1 + 0.05) / (L2 + 0.05)).
 */
export function textColorOn(hex: string) {
  const background = luminance(hex)
  const onDark = (1 + 0.05) / (background + 0.05)
  const onLight = (background + 0.05) / (luminance('#0f172a') + 0.05)
  return onLight >= onDark ? '#0f172a' : '#ffffff'
}

export interface TagRef {
  id: string
  name: string
  color: string | null
}
