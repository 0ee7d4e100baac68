import { existsSync } from 'node:fs'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import {
  PRIVILEGED_VARIABLES,
  RUNTIME_ENV_PATH,
  planStart,
  runtimeEnvironment,
} from '../../bin/start/options.js'

test.group('Start plan: who gets a demo workspace', () => {
  test('./nexus start and ./nexus dev on the embedded database seed it', ({ assert }) => {
    assert.isTrue(planStart({ argv: [], fromSources: true, embeddedDatabase: true }).seedDemo)
    assert.isTrue(
      planStart({ argv: ['--dev'], fromSources: true, embeddedDatabase: true }).seedDemo
    )
  })

  test('./nexus start against a configured database does not, unless --demo', ({ assert }) => {
    assert.isFalse(planStart({ argv: [], fromSources: true, embeddedDatabase: false }).seedDemo)
    assert.isTrue(
      planStart({ argv: ['--demo'], fromSources: true, embeddedDatabase: false }).seedDemo
    )
  })

  test('node bin/start.js (build output, the production image) never does by itself', ({
    assert,
  }) => {
    assert.isFalse(planStart({ argv: [], fromSources: false, embeddedDatabase: false }).seedDemo)
    assert.isFalse(planStart({ argv: [], fromSources: false, embeddedDatabase: true }).seedDemo)
    assert.isTrue(
      planStart({ argv: ['--demo'], fromSources: false, embeddedDatabase: false }).seedDemo
    )
  })

  test('bundles are rebuilt from the sources only, and not for the dev server', ({ assert }) => {
    assert.isTrue(planStart({ argv: [], fromSources: true, embeddedDatabase: true }).buildAssets)
    assert.isFalse(
      planStart({ argv: ['--dev'], fromSources: true, embeddedDatabase: true }).buildAssets
    )
    assert.isFalse(planStart({ argv: [], fromSources: false, embeddedDatabase: false }).buildAssets)
  })
})

test.group('Start plan: the web server environment', () => {
  test('holds the runtime role and none of the owner or admin credentials', ({ assert }) => {
    const env = runtimeEnvironment({
      DB_USER: 'app',
      DB_PASSWORD: 'app-secret',
      DB_OWNER_USER: 'owner',
      DB_OWNER_PASSWORD: 'owner-secret',
      DB_ADMIN_USER: 'postgres',
      DB_ADMIN_PASSWORD: 'admin-secret',
      APP_KEY: 'key',
    })
    assert.equal(env.DB_USER, 'app')
    assert.equal(env.DB_PASSWORD, 'app-secret')
    assert.equal(env.APP_KEY, 'key')
    assert.isAbove(PRIVILEGED_VARIABLES.length, 0)
    for (const name of PRIVILEGED_VARIABLES) assert.notProperty(env, name)
    assert.notInclude(Object.values(env), 'owner-secret')
    assert.notInclude(Object.values(env), 'admin-secret')
  })

  test('keeps the server from reading .env back (ENV_PATH names a folder without one)', ({
    assert,
  }) => {
    assert.equal(runtimeEnvironment({}).ENV_PATH, RUNTIME_ENV_PATH)
    assert.isTrue(existsSync(app.makePath(RUNTIME_ENV_PATH)))
    for (const file of ['.env', '.env.local', '.env.development', '.env.production']) {
      assert.isFalse(existsSync(app.makePath(RUNTIME_ENV_PATH, file)), file)
    }
  })
})
