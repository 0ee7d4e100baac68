/*
| Finds the plugins listed in config/plugins.ts, imports their definitions and
| orders them by requirement. Used by the plugins provider and the ace commands
| loader, so the result is computed once per process. Configuration files never
| import it: reading config must not execute plugin code.
*/
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { PluginDefinition, PluginSource, PluginsConfig } from './contract.js'
import { PluginLoadError } from './errors.js'
import { orderByRequirements, validateManifest } from './ordering.js'

export interface DiscoveredPlugin {
  definition: PluginDefinition
  /** Absolute folder of the plugin. */
  root: string
  source: PluginSource
}

const appRoot = fileURLToPath(new URL('../../', import.meta.url))
let discovered: Promise<DiscoveredPlugin[]> | undefined

export function discoverPlugins(config: PluginsConfig): Promise<DiscoveredPlugin[]> {
  discovered ??= loadAll(config)
  return discovered
}

/** The plugins' migration folders (relative to the app root), in dependency order. */
export function pluginMigrationPaths(plugins: DiscoveredPlugin[]): string[] {
  return plugins
    .map((plugin) => join(plugin.root, plugin.definition.migrationsDir ?? 'migrations'))
    .filter((folder) => existsSync(folder))
    .map((folder) => `./${relative(appRoot, folder)}`)
}

async function loadAll(config: PluginsConfig) {
  const plugins = await Promise.all(config.plugins.map((source) => loadPluginSource(source)))
  return orderByRequirements(plugins)
}

export async function loadPluginSource(source: PluginSource): Promise<DiscoveredPlugin> {
  const origin = 'path' in source ? source.path : source.package
  let root: string
  let entry: string
  if ('path' in source) {
    root = isAbsolute(source.path) ? source.path : join(appRoot, source.path)
    entry = ['plugin.ts', 'plugin.js'].map((file) => join(root, file)).find(existsSync) ?? ''
    if (!entry) throw new PluginLoadError(origin, `no plugin.ts or plugin.js in ${source.path}`)
  } else {
    const require = createRequire(join(appRoot, 'package.json'))
    try {
      entry = require.resolve(source.package)
      root = dirname(require.resolve(`${source.package}/package.json`))
    } catch {
      throw new PluginLoadError(origin, `npm package "${source.package}" is not installed`)
    }
  }

  const module = await import(pathToFileURL(entry).href)
  const definition = module.default as PluginDefinition
  validateManifest(definition, origin)
  return { definition, root, source }
}
