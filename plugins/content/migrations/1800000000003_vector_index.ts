import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Where pgvector is installed in the database, chunks also get a `vector`
 * column with an HNSW index for approximate nearest-neighbour search. Without
 * it nothing changes: search stays exact, in plain SQL, over `embedding`.
 * (Installing the extension needs a superuser: provisioning does it when it can.)
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      do $$ begin
        if exists (select 1 from pg_extension where extname = 'vector') then
          alter table content_chunks add column if not exists embedding_vector vector(256);
          create index if not exists content_chunks_embedding_hnsw
            on content_chunks using hnsw (embedding_vector vector_cosine_ops);
        end if;
      end $$;
    `)
  }

  async down() {
    this.schema.raw(`
      drop index if exists content_chunks_embedding_hnsw;
      alter table content_chunks drop column if exists embedding_vector;
    `)
  }
}
