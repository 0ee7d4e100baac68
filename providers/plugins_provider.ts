import type { ApplicationService } from '@adonisjs/core/types'
import { PluginRegistry } from '#plugins_core/registry'
import { discoverPlugins } from '#plugins_core/discovery'

/**
 * Loads the plugins of config/plugins.ts and drives their lifecycle:
 * register and boot while the app boots, start once it is ready, shutdown on
 * termination. Routes are mounted by start/routes.ts.
 */
export default class PluginsProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(PluginRegistry, () => new PluginRegistry(this.app))
  }

  async boot() {
    const registry = await this.app.container.make(PluginRegistry)
    registry.load(await discoverPlugins(this.app.config.get('plugins')))
    await registry.runHook('register')
    await registry.runHook('boot')
  }

  async ready() {
    const registry = await this.app.container.make(PluginRegistry)
    await registry.runHook('start')
  }

  async shutdown() {
    const registry = await this.app.container.make(PluginRegistry)
    await registry.runHook('shutdown')
  }
}
