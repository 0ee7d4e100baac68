import env from '#start/env'
import { test } from '@japa/runner'
import { createServer } from 'node:net'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { vector } from '@electric-sql/pglite-pgvector'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { ingestVersion } from '../../services/ingestion.js'
import { semanticSearch } from '../../services/search_service.js'
import { hashingEmbeddingProvider } from '../../services/embeddings.js'

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

const DOCUMENTS = [
  ['Boundary layers', 'Transition of the laminar boundary layer on a flat plate.'],
  ['Wing flutter', 'Flutter of swept wings at transonic speeds in the tunnel.'],
  ['Heat transfer', 'Heating of a cone in hypersonic flow.'],
  ['Compressor stall', 'Rotating stall limits the axial compressor.'],
  ['Nozzles', 'Erosion of rocket nozzles by hot gases.'],
]

/*
| pgvector path, against a real pgvector: PGlite (PostgreSQL in WebAssembly, with
| the pgvector extension) behind its socket server, which speaks the PostgreSQL
| protocol. It serves one connection at a time, hence a pool of one.
*/
test.group('pgvector (HNSW) search', (group) => {
  group.setup(async () => {
    const pglite = await PGlite.create({ extensions: { vector, pg_trgm, pgcrypto } })
    // The migrations grant to the runtime role, which provisioning creates on a real server.
    await pglite.exec(
      'create extension vector; create extension pg_trgm; create extension pgcrypto;' +
        `create role "${env.get('DB_USER')}" login;`
    )
    const port = await freePort()
    const server = new PGLiteSocketServer({ db: pglite, port, host: '127.0.0.1' })
    await server.start()
    db.manager.add('pglite', {
      client: 'pg',
      connection: { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
      pool: { min: 0, max: 1 },
      migrations: app.config.get('database.connections.owner.migrations'),
    })
    const runner = new MigrationRunner(db, app, { direction: 'up', connectionName: 'pglite' })
    await runner.run()
    if (runner.error) throw runner.error
    return async () => {
      await db.manager.close('pglite', true)
      await server.stop()
      await pglite.close()
    }
  })

  test('ingestion fills the vector column and search goes through the HNSW index, agreeing with exact search', async ({
    assert,
  }) => {
    const tenantId = randomUUID()
    await db.connection('pglite').transaction(async (trx) => {
      await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [tenantId])
      await trx.table('tenants').insert({ id: tenantId, name: 'Vector', slug: 'vector' })
      const [program] = await trx
        .table('programs')
        .insert({ tenant_id: tenantId, name: 'P', slug: 'p' })
        .returning('id')
      const [project] = await trx
        .table('projects')
        .insert({ tenant_id: tenantId, program_id: program.id, name: 'V', slug: 'v' })
        .returning('id')
      for (const [title, body] of DOCUMENTS) {
        const [item] = await trx
          .table('content_items')
          .insert({
            tenant_id: tenantId,
            project_id: project.id,
            content_type: 'text',
            title,
            mime_type: 'text/plain',
            sha256: '0'.repeat(64),
          })
          .returning('id')
        await trx.table('content_versions').insert({
          tenant_id: tenantId,
          content_item_id: item.id,
          version: 1,
          title,
          body,
          sha256: '0'.repeat(64),
          size_bytes: body.length,
        })
        await trx
          .table('ingestion_runs')
          .insert({ tenant_id: tenantId, content_item_id: item.id, version: 1 })
        await ingestVersion(trx, tenantId, item.id, 1, {
          chunkTokens: 300,
          chunkOverlap: 0,
          embeddingProvider: 'hashing-256',
        })
      }

      const stored = await trx
        .from('content_chunks')
        .whereNotNull('embedding_vector')
        .count('* as total')
        .first()
      assert.equal(Number(stored.total), DOCUMENTS.length)

      const filters = { projectIds: [project.id as string] }
      for (const q of [
        'hypersonic cone heating',
        'swept wing flutter',
        'boundary layer transition',
      ]) {
        const approximate = await semanticSearch(trx, q, filters, hashingEmbeddingProvider, 3)
        const exact = await semanticSearch(trx, q, filters, hashingEmbeddingProvider, 3, 0, {
          exact: true,
        })
        assert.deepEqual(
          approximate.map((hit) => hit.itemId),
          exact.map((hit) => hit.itemId),
          `HNSW and exact disagree on "${q}"`
        )
        assert.closeTo(approximate[0].score, exact[0].score, 1e-4)
      }

      await trx.rawQuery('set local enable_seqscan = off')
      const { rows } = await trx.rawQuery(
        `explain select id from content_chunks order by embedding_vector <=> ?::vector limit 3`,
        [`[${(await hashingEmbeddingProvider.embed(['flutter']))[0].join(',')}]`]
      )
      assert.include(
        rows.map((row: any) => row['QUERY PLAN']).join('\n'),
        'content_chunks_embedding_hnsw'
      )
    })
  }).timeout(120_000)
})
