import type { TenantTransaction } from '#tenancy/with_tenant'

const known = new Map<string, Promise<boolean>>()

/** Whether chunks have the pgvector column (decided by the migration; asked once per connection). */
export function hasVectorIndex(trx: TenantTransaction) {
  const connection = trx.connectionName
  if (!known.has(connection)) {
    known.set(
      connection,
      trx
        .rawQuery(
          `select 1 from information_schema.columns
            where table_name = 'content_chunks' and column_name = 'embedding_vector'`
        )
        .then(({ rows }) => rows.length > 0)
    )
  }
  return known.get(connection)!
}

/** Candidates HNSW keeps while searching; recall rises with it, and so does latency. */
export const HNSW_EF_SEARCH = 100

export const vectorLiteral = (values: number[]) => `[${values.join(',')}]`
