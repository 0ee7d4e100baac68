/*
| The files `node ace make:plugin` writes. Every plugin folder has this shape
| (tests/unit/plugin_shape.spec.ts walks plugins/* against it); see docs/plugins.md.
*/

/** The files at the root of every plugin. */
export const PLUGIN_FILES = ['plugin.ts', 'routes.ts']

/** The folders of every plugin (empty ones keep a .gitkeep). */
export const PLUGIN_FOLDERS = [
  'controllers',
  'services',
  'models',
  'validators',
  'policies',
  'migrations',
  'pages',
  'tests',
]

/** Allowed beside them: ace commands the manifest lists, a README. */
export const OPTIONAL_PLUGIN_ENTRIES = ['commands', 'README.md']

const pascal = (name: string) =>
  name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase())

export function pluginFiles(name: string): Record<string, string> {
  const className = pascal(name)
  return {
    'plugin.ts': `import vine from '@vinejs/vine'
import { definePlugin, PLUGIN_API_VERSION } from '#plugins_core/contract'
import routes from './routes.js'

export default definePlugin({
  name: '${name}',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  requires: [],
  capabilities: [],
  settings: vine.create(vine.object({})),
  defaultSettings: {},
  routes,

  // Each hook receives the PluginApi: declare, contribute, subscribe, settings, defineAbility...
  register() {},
  boot() {},
  start() {},
  shutdown() {},
})
`,
    'routes.ts': `import type { Router } from '@adonisjs/core/http'

const ${className}Controller = () => import('./controllers/${name.replaceAll('-', '_')}_controller.js')

/** Mounted under /api/v1/${name}, behind authentication, the tenant and the plugin's enablement. */
export default function routes(router: Router) {
  router.get('/', [${className}Controller, 'index'])
}
`,
    [`controllers/${name.replaceAll('-', '_')}_controller.ts`]: `import type { HttpContext } from '@adonisjs/core/http'

export default class ${className}Controller {
  async index({ tenant }: HttpContext) {
    return { plugin: '${name}', tenant: tenant.slug }
  }
}
`,
    'migrations/.gitkeep': '',
    'models/.gitkeep': '',
    'services/.gitkeep': '',
    'validators/.gitkeep': '',
    'policies/.gitkeep': '',
    'pages/.gitkeep': '',
    [`tests/functional/${name.replaceAll('-', '_')}.spec.ts`]: `import { test } from '@japa/runner'
import { makeTenant } from '#tests/helpers/tenants'

test.group('${className} plugin', () => {
  test('answers under its prefix for an enabled tenant', async ({ client, assert }) => {
    const { tenant, token } = await makeTenant('${name}')
    const response = await client.get('/api/v1/${name}').bearerToken(token)
    response.assertStatus(200)
    assert.equal(response.body().tenant, tenant.slug)
  })
})
`,
  }
}
