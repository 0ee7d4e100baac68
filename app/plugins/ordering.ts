import { PLUGIN_API_VERSION, type PluginDefinition } from './contract.js'
import { PluginLoadError } from './errors.js'

const NAME_PATTERN = /^[a-z][a-z0-9-]*$/

/** Checks each manifest and the API version it was written for. */
export function validateManifest(definition: Partial<PluginDefinition>, origin: string) {
  const name = typeof definition?.name === 'string' ? definition.name : origin
  if (!definition || typeof definition !== 'object') {
    throw new PluginLoadError(origin, 'its entry module must default-export definePlugin({...})')
  }
  if (!definition.name || !NAME_PATTERN.test(definition.name)) {
    throw new PluginLoadError(name, 'name must be lower-case letters, digits and dashes')
  }
  if (typeof definition.version !== 'string' || definition.version.length === 0) {
    throw new PluginLoadError(name, 'version is required')
  }
  if (definition.apiVersion !== PLUGIN_API_VERSION) {
    throw new PluginLoadError(
      name,
      `written for plugin API version ${definition.apiVersion}, but this ContextNexus provides version ${PLUGIN_API_VERSION}`
    )
  }
}

/**
 * Orders plugins so each comes after the plugins it requires (depth-first
 * topological sort, keeping the configured order otherwise).
 */
export function orderByRequirements<T extends { definition: PluginDefinition }>(plugins: T[]): T[] {
  const byName = new Map<string, T>()
  for (const plugin of plugins) {
    const name = plugin.definition.name
    if (byName.has(name)) throw new PluginLoadError(name, 'is listed twice in config/plugins.ts')
    byName.set(name, plugin)
  }

  const ordered: T[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (plugin: T, path: string[]) => {
    const name = plugin.definition.name
    if (state.get(name) === 'done') return
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name].join(' -> ')
      throw new PluginLoadError(name, `requirements form a cycle: ${cycle}`)
    }
    state.set(name, 'visiting')
    for (const required of plugin.definition.requires ?? []) {
      const dependency = byName.get(required)
      if (!dependency) {
        throw new PluginLoadError(name, `requires "${required}", which is not installed`)
      }
      visit(dependency, [...path, name])
    }
    state.set(name, 'done')
    ordered.push(plugin)
  }
  for (const plugin of plugins) visit(plugin, [])
  return ordered
}
