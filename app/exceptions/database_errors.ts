/*
| PostgreSQL errors that a client's input causes. They should never get this
| far (the input guard and the validators stop them first), but when one does,
| the answer is a 422 about the input, not a 500 about the server.
*/
import type { FieldError } from '#exceptions/domain_errors'

/** SQLSTATE → what the client sent wrong. */
const CLIENT_DATA_ERRORS: Record<string, string> = {
  '22001': 'A value is longer than its field allows',
  '22003': 'A number is out of range',
  '22007': 'A date or time has an invalid format',
  '22008': 'A date or time is out of range',
  '22021': 'A value contains a character that cannot be stored (invalid byte sequence)',
  '22P02': 'A value has an invalid format',
  '22P05': 'A value contains a character that cannot be stored (untranslatable character)',
}

interface PostgresError {
  code: string
  severity?: string
  column?: string
}

function isPostgresError(error: unknown): error is PostgresError {
  return (
    error instanceof Error &&
    typeof (error as any).code === 'string' &&
    typeof (error as any).severity === 'string'
  )
}

/** The 422 errors for a PostgreSQL data error caused by input, or null for anything else. */
export function clientDataErrors(error: unknown): FieldError[] | null {
  if (!isPostgresError(error)) return null
  const message = CLIENT_DATA_ERRORS[error.code]
  if (!message) return null
  return [{ field: error.column ?? 'body', message, rule: 'database' }]
}
