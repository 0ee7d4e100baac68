import { BaseCheck, HealthChecks, MemoryHeapCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { DbCheck } from '@adonisjs/lucid/database'
import { RedisCheck } from '@adonisjs/redis'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import env from '#start/env'
import type { Neo4jClient } from '#graph/neo4j_client'

/** A service the deployment chose not to run: reported, never a failure. */
class NotConfiguredCheck extends BaseCheck {
  constructor(public name: string) {
    super()
  }

  async run(): Promise<HealthCheckResult> {
    return Result.ok('Not configured').mergeMetaData({ configured: false })
  }
}

class Neo4jCheck extends BaseCheck {
  name = 'Neo4j check'

  constructor(private client: Neo4jClient) {
    super()
  }

  async run(): Promise<HealthCheckResult> {
    try {
      const info = await this.client.driver.getServerInfo()
      return Result.ok('Neo4j is reachable').mergeMetaData({
        configured: true,
        version: info.protocolVersion,
      })
    } catch (error) {
      return Result.failed('Neo4j is unreachable', error as Error).mergeMetaData({
        configured: true,
      })
    }
  }
}

export type ServiceState = 'up' | 'down' | 'not_configured'

const SERVICE_OF_CHECK: Record<string, string> = {
  'Database health check (app)': 'postgres',
  'Redis health check (main)': 'redis',
  'Redis check': 'redis',
  'Neo4j check': 'neo4j',
}

/** Runs the checks; each service as up, down or not configured. */
export async function checkServices(neo4jClient: Neo4jClient) {
  const report = await buildHealthChecks(neo4jClient).run()
  const services: Record<string, ServiceState> = {}
  for (const check of report.checks) {
    const service = SERVICE_OF_CHECK[check.name]
    if (!service) continue
    services[service] =
      check.meta?.configured === false ? 'not_configured' : check.status === 'error' ? 'down' : 'up'
  }
  return { report, services, healthy: Object.values(services).every((state) => state !== 'down') }
}

export function buildHealthChecks(neo4jClient: Neo4jClient) {
  return new HealthChecks().register([
    new DbCheck(db.connection()),
    env.get('REDIS_HOST')
      ? new RedisCheck(redis.connection())
      : new NotConfiguredCheck('Redis check'),
    neo4jClient.configured ? new Neo4jCheck(neo4jClient) : new NotConfiguredCheck('Neo4j check'),
    new MemoryHeapCheck().warnWhenExceeds('500 mb').failWhenExceeds('1 gb'),
  ])
}
