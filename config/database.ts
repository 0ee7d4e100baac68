import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'

const server = {
  host: env.get('DB_HOST'),
  port: env.get('DB_PORT'),
  database: env.get('DB_DATABASE'),
}

/*
| Two connections to one database:
| - `app`, the runtime role every request uses: it owns no table and has no
|   BYPASSRLS, so row-level security always applies;
| - `owner`, the role that owns the schema: migrations only.
| Plugin migrations follow the core's, in plugin dependency order: the plugins
| provider adds their folders once it has loaded the plugins. This file imports
| no plugin code (tests/unit/plugin_config_isolation.spec.ts checks it).
*/
const migrations = {
  naturalSort: true,
  paths: ['./database/migrations'],
}

const ownerUser = env.get('DB_OWNER_USER')

const dbConfig = defineConfig({
  connection: 'app',
  connections: {
    app: {
      client: 'pg',
      connection: { ...server, user: env.get('DB_USER'), password: env.get('DB_PASSWORD') },
      pool: { min: 0, max: 10 },
      migrations,
      // Models are written by hand; no generated schema classes.
      schemaGeneration: { enabled: false },
    },
    // Only the preparation step (`node ace db:prepare`) has the owner's credentials.
    ...(ownerUser
      ? {
          owner: {
            client: 'pg' as const,
            connection: { ...server, user: ownerUser, password: env.get('DB_OWNER_PASSWORD') },
            pool: { min: 0, max: 2 },
            migrations,
            schemaGeneration: { enabled: false },
          },
        }
      : {}),
  },
})

export default dbConfig
