import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * An update must change something: a PATCH with none of the fields its schema
 * knows (`{}`, an array, only unknown keys) is a 422 "nothing to change",
 * never an empty UPDATE (a 500) or an audit entry for a change nobody made.
 */
const somethingToChange = vine.createRule(
  (value: unknown, fields: string[], field: FieldContext) => {
    if (!field.isValid) return
    const given = fields.some((name) => (value as Record<string, unknown>)[name] !== undefined)
    if (!given) {
      field.report(
        `Nothing to change: send at least one of ${fields.join(', ')}`,
        'somethingToChange',
        // Named `body`: the error is about the request as a whole.
        { ...field, getFieldPath: () => 'body' } as FieldContext
      )
    }
  }
)

/** `vine.object(properties)` that also requires at least one of its properties. */
export function changesOf<Properties extends Parameters<typeof vine.object>[0]>(
  properties: Properties
) {
  return vine.object(properties).use(somethingToChange(Object.keys(properties)))
}
