import env from '#start/env'
import type { ProvisionOptions } from './provision.js'

/**
 * The provisioning options the environment describes. Only the preparation step
 * (`node ace db:prepare`, tests, benchmarks) calls this: the web server runs
 * without the owner's and the admin's credentials.
 */
export function provisionOptionsFromEnv(): ProvisionOptions {
  const ownerUser = env.get('DB_OWNER_USER')
  if (!ownerUser) {
    throw new Error(
      'DB_OWNER_USER is not set: preparing the database (roles, migrations) needs the owner role'
    )
  }
  const adminUser = env.get('DB_ADMIN_USER')
  return {
    host: env.get('DB_HOST'),
    port: env.get('DB_PORT'),
    database: env.get('DB_DATABASE'),
    owner: { user: ownerUser, password: env.get('DB_OWNER_PASSWORD') },
    runtime: { user: env.get('DB_USER'), password: env.get('DB_PASSWORD') },
    admin: adminUser ? { user: adminUser, password: env.get('DB_ADMIN_PASSWORD') } : undefined,
  }
}
