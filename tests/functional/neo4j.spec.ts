import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { Neo4jClient } from '#graph/neo4j_client'

test.group('Neo4j', () => {
  test('a real Neo4j 5 server stores and returns a node carrying tenantId', async ({ assert }) => {
    const client = await app.container.make(Neo4jClient)
    assert.isTrue(client.configured, 'NEO4J_URL is not set: run the suite with ./nexus test')

    const id = randomUUID()
    const tenantId = randomUUID()
    const session = client.driver.session()
    try {
      await session.executeWrite((tx) =>
        tx.run('MERGE (p:Project {id: $id}) SET p.tenantId = $tenantId, p.name = $name', {
          id,
          tenantId,
          name: 'Graph smoke test',
        })
      )
      const own = await session.executeRead((tx) =>
        tx.run('MATCH (p:Project {id: $id, tenantId: $tenantId}) RETURN p.name AS name', {
          id,
          tenantId,
        })
      )
      assert.deepEqual(
        own.records.map((record) => record.get('name')),
        ['Graph smoke test']
      )
      const other = await session.executeRead((tx) =>
        tx.run('MATCH (p:Project {id: $id, tenantId: $tenantId}) RETURN p', {
          id,
          tenantId: randomUUID(),
        })
      )
      assert.lengthOf(other.records, 0)

      const info = await client.driver.getServerInfo()
      assert.match(info.agent ?? '', /^Neo4j\/5\./)
    } finally {
      await session.executeWrite((tx) =>
        tx.run('MATCH (p:Project {id: $id}) DETACH DELETE p', { id })
      )
      await session.close()
    }
  })
})
