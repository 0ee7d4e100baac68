/*
| Environment variables, validated at boot. `.env.example` documents each one.
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.string(),

  /* PostgreSQL: the runtime role the app queries as (owns no table, no BYPASSRLS) */
  DB_HOST: Env.schema.string({ format: 'host' }),
  DB_PORT: Env.schema.number(),
  DB_USER: Env.schema.string(),
  DB_PASSWORD: Env.schema.string.optional(),
  DB_DATABASE: Env.schema.string(),
  /* The owner role migrations run as: only `node ace db:prepare` needs it, never the server */
  DB_OWNER_USER: Env.schema.string.optional(),
  DB_OWNER_PASSWORD: Env.schema.string.optional(),
  /* Optional superuser that creates the two roles and the database (`node ace db:prepare`) */
  DB_ADMIN_USER: Env.schema.string.optional(),
  DB_ADMIN_PASSWORD: Env.schema.string.optional(),

  /* Redis is optional: without it the app runs single-instance with in-memory transports */
  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),

  /* Neo4j is optional: without it the graph stays off and domain events wait in the outbox */
  NEO4J_URL: Env.schema.string.optional(),
  NEO4J_USER: Env.schema.string.optional(),
  NEO4J_PASSWORD: Env.schema.string.optional(),

  /* S3-compatible object storage (S3, MinIO) for the s3 storage type; optional */
  S3_ENDPOINT: Env.schema.string.optional({ format: 'url', tld: false }),
  S3_REGION: Env.schema.string.optional(),
  S3_BUCKET: Env.schema.string.optional(),
  S3_ACCESS_KEY: Env.schema.string.optional(),
  S3_SECRET_KEY: Env.schema.string.optional(),

  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory', 'redis'] as const),
  /* Reverse proxies whose X-Forwarded-For is believed: addresses, CIDRs, loopback, uniquelocal */
  TRUSTED_PROXIES: Env.schema.string.optional(),
  /* Bearer token of the platform operator (manages tenants through /api/v1/platform) */
  OPERATOR_TOKEN: Env.schema.string.optional(),
  /* Runs the domain-event worker inside the web process (development, single instance) */
  EVENTS_IN_PROCESS_WORKER: Env.schema.boolean.optional(),
})
