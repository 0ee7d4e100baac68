/**
 * A count with its noun in the right number: `plural(1, 'item')` is "1 item",
 * `plural(3, 'item')` is "3 items", `plural(2, 'query', 'queries')` is "2 queries".
 * Counts are written the same on every server (en-US digit grouping: "10,000").
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`
}
