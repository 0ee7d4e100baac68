import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { PluginRegistry } from '#plugins_core/registry'
import { PluginInstallations } from '#services/plugin_installations'
import { EventWorker, type WorkerOptions } from '#events/worker'

/** An event worker wired to the app's plugin registry and per-tenant enablement. */
export async function makeEventWorker(options: WorkerOptions = {}) {
  const registry = await app.container.make(PluginRegistry)
  const installations = await app.container.make(PluginInstallations)
  return new EventWorker(registry, logger, {
    isPluginEnabled: (trx, plugin) => installations.isEnabled(trx, plugin),
    ...options,
  })
}
