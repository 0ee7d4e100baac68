import { test } from '@japa/runner'
import env from '#start/env'

test.group('Health', () => {
  test('reports each service as up, down or not configured', async ({ client, assert }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    assert.equal(response.body().services.postgres, 'up')
    assert.equal(response.body().services.redis, 'up')
    assert.equal(response.body().services.neo4j, env.get('NEO4J_URL') ? 'up' : 'not_configured')
  })

  test('responses carry the security headers', async ({ client }) => {
    const response = await client.get('/health')
    response.assertHeader('x-frame-options', 'DENY')
    response.assertHeader('x-content-type-options', 'nosniff')
    response.assertHeader('strict-transport-security', 'max-age=15552000')
  })
})
