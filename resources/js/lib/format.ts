export function formatDate(value: string | null | undefined) {
  if (!value) return '—'
  return new Date(value).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  })
}

export function titleCase(value: string) {
  return value.charAt(0).toUpperCase() + value.slice(1)
}

/** "1 project", "3 projects" (`many` when the plural is not just an added "s"). */
export function plural(count: number, one: string, many = `${one}s`) {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB']

/** Bytes in binary units, the way the limits are set: "0 B", "512 KB", "1.5 GB", "10 GB". */
export function humanSize(bytes: number) {
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}

/** A share of a limit in whole percent, 0–100 (a limit of 0 counts as full once anything is used). */
export function percentOf(used: number, limit: number) {
  if (limit <= 0) return used > 0 ? 100 : 0
  return Math.min(100, Math.round((used / limit) * 100))
}
