import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { provisionDatabase } from '#database/provision'
import { provisionOptionsFromEnv } from '#database/connection_settings'
import { migrateAsOwner } from '#database/migrate'

export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app)]

/**
 * Every run gets a fresh database on the real PostgreSQL, created and migrated
 * here; suites that serve HTTP start the real server.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      await provisionDatabase({ ...provisionOptionsFromEnv(), recreate: true })
      await migrateAsOwner()
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
