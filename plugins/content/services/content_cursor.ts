/*
| The content list's keyset cursor: the last row's creation time and id,
| base64url-encoded. Decoding accepts exactly what encoding writes, so a
| tampered cursor is a 422, never a query PostgreSQL refuses.
*/
import { UnprocessableError } from '#exceptions/domain_errors'

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

export function encodeCursor(row: { created_at: Date; id: string }) {
  return Buffer.from(`${new Date(row.created_at).toISOString()}|${row.id}`).toString('base64url')
}

export function decodeCursor(cursor: string) {
  const [, createdAt, id] = Buffer.from(cursor, 'base64url').toString().match(CURSOR) ?? []
  if (!id || Number.isNaN(Date.parse(createdAt))) {
    throw new UnprocessableError([
      { field: 'cursor', message: 'The cursor is not valid', rule: 'cursor' },
    ])
  }
  return { createdAt, id }
}
