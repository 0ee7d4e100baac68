import type { PartOrigin } from './thread_types'

/**
 * How each origin of a context part is named and coloured, in the order the context
 * builder assembles a request: the meter's segments, its legend and the badges of
 * "What the model saw" all read this.
 */
export const ORIGINS: {
  key: PartOrigin
  label: string
  bar: string
  badge: 'neutral' | 'warning' | 'primary' | 'info' | 'secondary' | 'success'
}[] = [
  { key: 'system', label: 'System', bar: 'bg-slate-400 dark:bg-slate-500', badge: 'neutral' },
  { key: 'template', label: 'Template', bar: 'bg-slate-300 dark:bg-slate-600', badge: 'neutral' },
  { key: 'pinned', label: 'Pinned', bar: 'bg-amber-500', badge: 'warning' },
  { key: 'chosen', label: 'Chosen', bar: 'bg-blue-500', badge: 'primary' },
  { key: 'retrieved', label: 'Retrieved', bar: 'bg-sky-400', badge: 'info' },
  { key: 'history', label: 'History', bar: 'bg-indigo-400', badge: 'secondary' },
  { key: 'user', label: 'Your message', bar: 'bg-green-500', badge: 'success' },
]

export const originOf = (key: PartOrigin) =>
  ORIGINS.find((origin) => origin.key === key) ?? ORIGINS[0]
