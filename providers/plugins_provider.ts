import type { ApplicationService } from '@adonisjs/core/types'
import { PluginRegistry } from '#plugins_core/registry'
import { discoverPlugins, pluginMigrationPaths } from '#plugins_core/discovery'
import { recordRoutes } from '#plugins_core/route_guard'
import { PluginInstallations } from '#services/plugin_installations'

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
    registry.useEnablement(await this.app.container.make(PluginInstallations))
    // Before start/routes.ts runs, so every core route is on record when plugins mount theirs.
    registry.useRouteLedger(recordRoutes(await this.app.container.make('router')))
    const plugins = await discoverPlugins(this.app.config.get('plugins'))
    registry.load(plugins)
    this.#addMigrationPaths(pluginMigrationPaths(plugins))
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

  /**
   * Plugin migrations run after the core's, in plugin dependency order.
   * config/database.ts lists only the core's: reading configuration must not
   * import plugin code (and with it sharp, unpdf, controllers).
   */
  #addMigrationPaths(paths: string[]) {
    const connections =
      this.app.config.get<Record<string, { migrations?: { paths?: string[] } }>>(
        'database.connections'
      )
    for (const connection of Object.values(connections)) {
      if (!connection.migrations) continue
      const current = connection.migrations.paths ?? ['./database/migrations']
      connection.migrations.paths = [...new Set([...current, ...paths])]
    }
  }
}
