/*
| The narrow API a plugin's hooks receive. It is bound to one plugin, so
| whatever the plugin contributes, subscribes or authorizes carries that
| plugin's name: enablement then applies to it without the author's help.
*/
import { Bouncer } from '@adonisjs/bouncer'
import logger from '@adonisjs/core/services/logger'
import type { DiscoveredPlugin } from './discovery.js'
import {
  defineExtensionPoint,
  type ExtensionPoint,
  type PluginApi,
  type Shape,
} from './contract.js'
import type { PluginRegistry } from './registry.js'

export function createPluginApi(registry: PluginRegistry, plugin: DiscoveredPlugin): PluginApi {
  const name = plugin.definition.name
  const app = registry.app
  return {
    name,
    root: plugin.root,
    app,
    container: app.container,
    // The logger service is set once the app has booted: read it when used.
    get logger() {
      return logger.child({ plugin: name })
    },

    declare(point: ExtensionPoint<any> | string, shape?: Shape) {
      const token = typeof point === 'string' ? defineExtensionPoint(point, shape ?? {}) : point
      return registry.declare(token, name)
    },

    contribute(point: ExtensionPoint<any> | string, contribution: unknown) {
      registry.contribute(point, contribution, name)
    },

    contributions(point: ExtensionPoint<any>, scope?: { tenant: any }) {
      return scope ? registry.contributions(point, scope) : registry.contributions(point)
    },

    subscribe(consumer) {
      // Stamped here, whatever the author wrote: the worker skips tenants that disabled it.
      registry.subscribe({ ...consumer, handle: consumer.handle.bind(consumer), plugin: name })
    },

    settings(trx) {
      return registry.settingsFor(trx, name)
    },

    defineAbility(abilityName, check) {
      const ability = Bouncer.ability(check)
      registry.addAbility(name, abilityName, ability)
      return ability
    },
  } as PluginApi
}
