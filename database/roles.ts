import env from '#start/env'

/**
 * The runtime role (DB_USER), quoted for SQL: migrations grant it what it may
 * call or change outside row-level security, and nothing to PUBLIC.
 */
export function runtimeRole(): string {
  return `"${env.get('DB_USER').replaceAll('"', '""')}"`
}
