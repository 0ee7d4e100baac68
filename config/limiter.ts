import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/*
| Counters live in Redis when it is configured, so every instance shares them.
| A test run counts under a prefix of its own: Redis outlives the run, and a
| block earned by an earlier run must not decide a later run's assertions.
*/
const keyPrefix =
  env.get('NODE_ENV') === 'test' ? `rlflx:test:${process.pid}:${Date.now()}` : undefined

const limiterConfig = defineConfig({
  default: env.get('REDIS_HOST') ? 'redis' : 'memory',
  stores: {
    redis: stores.redis({ connectionName: 'main', ...(keyPrefix ? { keyPrefix } : {}) }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
