import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { Neo4jClient } from '#graph/neo4j_client'
import { buildHealthChecks } from '#services/health_checks'

type ServiceState = 'up' | 'down' | 'not_configured'

const SERVICES: Record<string, string> = {
  'Database health check (app)': 'postgres',
  'Redis health check (main)': 'redis',
  'Redis check': 'redis',
  'Neo4j check': 'neo4j',
}

/** GET /health: each service up, down or not configured; 503 when a configured one is down. */
export default class HealthController {
  async show({ response }: HttpContext) {
    const report = await buildHealthChecks(await app.container.make(Neo4jClient)).run()
    const services: Record<string, ServiceState> = {}
    for (const check of report.checks) {
      const service =
        SERVICES[check.name] ?? (check.name.startsWith('Database') ? 'postgres' : null)
      if (!service) continue
      services[service] =
        check.meta?.configured === false
          ? 'not_configured'
          : check.status === 'error'
            ? 'down'
            : 'up'
    }
    const healthy = Object.values(services).every((state) => state !== 'down')
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
