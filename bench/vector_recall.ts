/*
| recall@10 of pgvector's HNSW index against exact nearest neighbours, on a
| PGlite database (PostgreSQL in WebAssembly with the real pgvector extension)
| when the benchmark server has no pgvector.
*/
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { HNSW_EF_SEARCH } from '../plugins/content/services/vector_index.js'

export async function hnswRecallOnPglite(
  documents: string[],
  queries: string[],
  embed: (text: string) => number[]
) {
  const db = await PGlite.create({ extensions: { vector } })
  try {
    await db.exec(`create extension vector;
      create table chunks (id int primary key, embedding vector(256));`)
    for (let start = 0; start < documents.length; start += 500) {
      const batch = documents.slice(start, start + 500)
      const values = batch
        .map((_, offset) => `($${offset * 2 + 1}, $${offset * 2 + 2}::vector)`)
        .join(',')
      const params = batch.flatMap((text, offset) => [start + offset, `[${embed(text).join(',')}]`])
      await db.query(`insert into chunks (id, embedding) values ${values}`, params)
    }
    await db.exec('create index on chunks using hnsw (embedding vector_cosine_ops)')
    const recallAt = async (efSearch: number) => {
      await db.exec(`set hnsw.ef_search = ${efSearch}`)
      let found = 0
      for (const query of queries) {
        const literal = `[${embed(query).join(',')}]`
        await db.exec('set enable_seqscan = on; set enable_indexscan = off')
        const exact = await db.query<{ id: number }>(
          'select id from chunks order by embedding <=> $1::vector limit 10',
          [literal]
        )
        await db.exec('set enable_seqscan = off; set enable_indexscan = on')
        const approximate = await db.query<{ id: number }>(
          'select id from chunks order by embedding <=> $1::vector limit 10',
          [literal]
        )
        const expected = new Set(exact.rows.map((row) => row.id))
        found += approximate.rows.filter((row) => expected.has(row.id)).length
      }
      return found / (queries.length * 10)
    }
    return {
      default40: await recallAt(40),
      app: await recallAt(HNSW_EF_SEARCH),
      efSearch: HNSW_EF_SEARCH,
    }
  } finally {
    await db.close()
  }
}
