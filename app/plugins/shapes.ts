/*
| The start-up check of a contribution against its extension point's shape,
| so a plugin handing the wrong thing fails loudly at boot, naming itself,
| instead of deep inside a request later.
*/
import type { ExtensionPoint, ShapeKind } from './contract.js'

function kindOf(value: unknown): ShapeKind | 'undefined' | 'null' {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value as ShapeKind
}

/** What is wrong with a contribution, or undefined when it fits the point. */
export function contributionProblem<T>(point: ExtensionPoint<T>, value: unknown) {
  if (value === null || typeof value !== 'object') return 'it must be an object'
  const record = value as Record<string, unknown>
  for (const [field, expected] of Object.entries(point.shape)) {
    const optional = expected.endsWith('?')
    const kind = expected.replace('?', '') as ShapeKind
    const actual = kindOf(record[field])
    if (actual === 'undefined' && optional) continue
    if (actual !== kind) {
      return actual === 'undefined'
        ? `"${field}" is missing (a ${kind})`
        : `"${field}" must be a ${kind}, not ${actual === 'null' ? 'null' : `a ${actual}`}`
    }
  }
  return point.check?.(value as T)
}
