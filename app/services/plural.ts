/**
 * A count with its noun in the right number: `plural(1, 'item')` is "1 item",
 * `plural(3, 'item')` is "3 items", `plural(2, 'query', 'queries')` is "2 queries".
 * Counts are written the same on every server (en-US digit grouping: "10,000").
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`
}

/** A wait in whole units, rounded up: 45 → "45 seconds", 300 → "5 minutes", 3601 → "2 hours". */
export function duration(seconds: number) {
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), 'second')
  if (seconds < 3600) return plural(Math.ceil(seconds / 60), 'minute')
  return plural(Math.ceil(seconds / 3600), 'hour')
}
