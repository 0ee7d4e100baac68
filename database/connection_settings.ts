import env from '#start/env'
import type { ProvisionOptions } from './provision.js'

/** The provisioning options the environment describes. */
export function provisionOptionsFromEnv(): ProvisionOptions {
  const adminUser = env.get('DB_ADMIN_USER')
  return {
    host: env.get('DB_HOST'),
    port: env.get('DB_PORT'),
    database: env.get('DB_DATABASE'),
    owner: { user: env.get('DB_OWNER_USER'), password: env.get('DB_OWNER_PASSWORD') },
    runtime: { user: env.get('DB_USER'), password: env.get('DB_PASSWORD') },
    admin: adminUser ? { user: adminUser, password: env.get('DB_ADMIN_PASSWORD') } : undefined,
  }
}
