import { test } from '@japa/runner'
import neo4j from 'neo4j-driver'
import { TenantGraph, UnscopedGraphQueryError } from '#graph/tenant_graph'

/*
| The tenant guard refuses before any connection is made: a driver pointed at
| a closed port is enough (it connects lazily, and never does here).
*/
test.group('Tenant graph', (group) => {
  const driver = neo4j.driver('bolt://127.0.0.1:1')
  group.teardown(() => driver.close())
  const graph = new TenantGraph(driver, '00000000-0000-4000-8000-000000000001')

  test('a query that does not filter on $tenantId is refused', async ({ assert }) => {
    await assert.rejects(() => graph.read('MATCH (p:Project) RETURN p'), UnscopedGraphQueryError)
    await assert.rejects(
      () => graph.write('MATCH (p:Project {tenantId: $tenant}) DETACH DELETE p', { tenant: 'x' }),
      /must filter on \$tenantId/
    )
  })

  test('the caller cannot choose the tenant', async ({ assert }) => {
    await assert.rejects(
      () =>
        graph.read('MATCH (p:Project {tenantId: $tenantId}) RETURN p', {
          tenantId: '00000000-0000-4000-8000-000000000002',
        }),
      /set by the tenant graph/
    )
  })
})
