import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
import { RedisBusTransport } from '#services/redis_bus_transport'

/*
| Server-sent events to browsers. With Redis, events published by any process
| (another web instance, `node ace events:work`) reach every subscriber;
| without it they stay in this process.
*/
const redisHost = env.get('REDIS_HOST')

export default defineConfig({
  pingInterval: '25s',
  transport: redisHost
    ? {
        driver: () =>
          new RedisBusTransport({
            host: redisHost,
            port: env.get('REDIS_PORT', 6379),
            password: env.get('REDIS_PASSWORD') || undefined,
          }),
      }
    : null,
})
