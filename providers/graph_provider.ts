import type { ApplicationService } from '@adonisjs/core/types'
import { Neo4jClient } from '#graph/neo4j_client'

/** The Neo4j driver as a container singleton, closed on shutdown. */
export default class GraphProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(Neo4jClient, () => new Neo4jClient())
  }

  async shutdown() {
    if (this.app.container.hasBinding(Neo4jClient)) {
      const client = await this.app.container.make(Neo4jClient)
      await client.close()
    }
  }
}
