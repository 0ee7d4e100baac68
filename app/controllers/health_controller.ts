import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { Neo4jClient } from '#graph/neo4j_client'
import { checkServices } from '#services/health_checks'

/** GET /health: each service up, down or not configured; 503 when a configured one is down. */
export default class HealthController {
  async show({ response }: HttpContext) {
    const { report, services, healthy } = await checkServices(await app.container.make(Neo4jClient))
    return response.status(healthy ? 200 : 503).send({
      status: healthy ? 'ok' : 'degraded',
      services,
      checkedAt: report.finishedAt,
      checks: report.checks.map((check) => ({
        name: check.name,
        status: check.status,
        message: check.message,
      })),
    })
  }
}
