import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'

/*
| Reading configuration must not execute plugin code: config/database.ts once
| imported every plugin (and with it sharp, unpdf and controllers) to list
| their migration folders. A fresh Node process imports the config files and
| reports every project module it resolved.
*/
const probe = `
import { registerHooks } from 'node:module'
const loaded = []
registerHooks({
  resolve(specifier, context, next) {
    const resolved = next(specifier, context)
    loaded.push(resolved.url)
    return resolved
  },
})
await import('#config/database')
await import('#config/plugins')
console.log(JSON.stringify(loaded))
`

test.group('Plugin code and configuration', () => {
  test('reading config/database.ts and config/plugins.ts imports no plugin module', async ({
    assert,
  }) => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', '@poppinss/ts-exec', '--input-type=module', '-e', probe],
      { cwd: app.makePath(), env: { ...process.env, NODE_ENV: 'test' } }
    )
    const loaded: string[] = JSON.parse(stdout.trim().split('\n').at(-1)!)
    const root = app.makeURL().href
    const project = loaded.filter((url) => url.startsWith(root) && !url.includes('/node_modules/'))
    assert.include(project, new URL('config/database.ts', root).href, 'the probe saw nothing')
    const pluginModules = loaded.filter(
      (url) =>
        url.startsWith(new URL('plugins/', root).href) ||
        url.includes('contextnexus-plugin-') ||
        url.includes('/tests/fixtures/plugin-sample/') ||
        url.endsWith('/app/plugins/discovery.ts')
    )
    assert.deepEqual(pluginModules, [])
  }).timeout(30_000)
})
