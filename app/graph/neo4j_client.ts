import neo4j, { type Driver } from 'neo4j-driver'
import env from '#start/env'
import { TenantGraph } from '#graph/tenant_graph'

/**
 * The shared Neo4j driver, created on first use. Without NEO4J_URL the graph is
 * off: callers check `configured` and domain events wait in the outbox.
 */
export class Neo4jClient {
  #driver?: Driver

  get configured() {
    return Boolean(env.get('NEO4J_URL'))
  }

  get driver(): Driver {
    if (!this.configured) throw new Error('Neo4j is not configured (set NEO4J_URL)')
    this.#driver ??= neo4j.driver(
      env.get('NEO4J_URL')!,
      env.get('NEO4J_USER')
        ? neo4j.auth.basic(env.get('NEO4J_USER')!, env.get('NEO4J_PASSWORD') ?? '')
        : undefined,
      { connectionTimeout: 5000, maxConnectionPoolSize: 20, disableLosslessIntegers: true }
    )
    return this.#driver
  }

  /** The graph as one tenant sees it: every query filtered on that tenant's id. */
  forTenant(tenantId: string) {
    return new TenantGraph(this.driver, tenantId)
  }

  async close() {
    await this.#driver?.close()
    this.#driver = undefined
  }
}
