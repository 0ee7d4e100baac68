import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import { browserClient } from '@japa/browser-client'
import { chromium } from 'playwright'
import testUtils from '@adonisjs/core/services/test_utils'
import { provisionDatabase } from '#database/provision'
import { provisionOptionsFromEnv } from '#database/connection_settings'
import { migrateAsOwner } from '#database/migrate'
import { failOnConsoleErrors } from '#tests/helpers/console_errors'

/* Debian's Chromium, headless, with the flags this closed network needs. */
const launchChromium = (options: Parameters<typeof chromium.launch>[0]) =>
  chromium.launch({
    ...options,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  browserClient({ runInSuites: ['browser'], launcher: launchChromium }),
  pluginAdonisJS(app),
]

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
  if (suite.name === 'browser') suite.onGroup(failOnConsoleErrors)
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
