export function formatDate(value: string | null | undefined) {
  if (!value) return '—'
  return new Date(value).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
}

export function titleCase(value: string) {
  return value.charAt(0).toUpperCase() + value.slice(1)
}
