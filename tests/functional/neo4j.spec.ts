/*
| Against a real Neo4j 5 (./nexus test starts one): the project's graph code —
| the container's Neo4jClient (providers/graph_provider.ts), its tenant-scoped
| TenantGraph, and the health check — not the raw driver alone.
*/
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { Neo4jClient } from '#graph/neo4j_client'
import { checkServices } from '#services/health_checks'

test.group('Neo4j', () => {
  test('the container client stores and reads a tenant node; another tenant sees nothing', async ({
    assert,
  }) => {
    const client = await app.container.make(Neo4jClient)
    assert.isTrue(client.configured, 'NEO4J_URL is not set: run the suite with ./nexus test')
    assert.strictEqual(await app.container.make(Neo4jClient), client, 'not a singleton')

    const id = randomUUID()
    const mine = client.forTenant(randomUUID())
    const other = client.forTenant(randomUUID())
    try {
      await mine.write('MERGE (p:Project {id: $id, tenantId: $tenantId}) SET p.name = $name', {
        id,
        name: 'Graph smoke test',
      })
      const own = await mine.read<{ name: string; tenantId: string }>(
        'MATCH (p:Project {id: $id, tenantId: $tenantId}) RETURN p.name AS name, p.tenantId AS tenantId',
        { id }
      )
      assert.deepEqual(own, [{ name: 'Graph smoke test', tenantId: mine.tenantId }])

      const seenByOther = await other.read(
        'MATCH (p:Project {id: $id, tenantId: $tenantId}) RETURN p.name AS name',
        { id }
      )
      assert.lengthOf(seenByOther, 0)
      await assert.rejects(() => other.read('MATCH (p:Project {id: $id}) RETURN p', { id }))
    } finally {
      await mine.write('MATCH (p:Project {id: $id, tenantId: $tenantId}) DETACH DELETE p', { id })
    }
    const gone = await mine.read('MATCH (p:Project {id: $id, tenantId: $tenantId}) RETURN p', {
      id,
    })
    assert.lengthOf(gone, 0)
  })

  test('the health check reports Neo4j up; the client reconnects after close()', async ({
    assert,
  }) => {
    const client = await app.container.make(Neo4jClient)
    assert.isTrue(client.configured, 'NEO4J_URL is not set: run the suite with ./nexus test')
    const { services } = await checkServices(client)
    assert.equal(services.neo4j, 'up')

    // What the provider's shutdown does; the next use opens a new driver.
    await client.close()
    const info = await client.driver.getServerInfo()
    assert.match(info.agent ?? '', /^Neo4j\/5\./)
  })
})
