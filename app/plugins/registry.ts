import type { Router } from '@adonisjs/core/http'
import type { ApplicationService } from '@adonisjs/core/types'
import type { EventConsumer } from '#events/types'
import type { DiscoveredPlugin } from './discovery.js'
import type { PluginDefinition, PluginHookContext } from './contract.js'
import { PluginLoadError } from './errors.js'

/** Extension points the core offers; plugins may declare more in their register hook. */
export const CORE_EXTENSION_POINTS = [
  'console.pages',
  'console.navigation',
  'workspace.project-tabs',
  'storage.drivers',
  'content.types',
  'llm.providers',
  'embedding.providers',
] as const

type Hook = 'register' | 'boot' | 'start' | 'shutdown'

/**
 * The installed plugins, the extension points they contribute to and the
 * domain-event consumers they subscribe. Plugins reach each other only here.
 */
export class PluginRegistry {
  #plugins: DiscoveredPlugin[] = []
  #extensionPoints = new Map<string, unknown[]>()
  #consumers = new Map<string, EventConsumer>()

  constructor(private app: ApplicationService) {
    for (const name of CORE_EXTENSION_POINTS) this.declareExtensionPoint(name)
  }

  load(plugins: DiscoveredPlugin[]) {
    this.#plugins = plugins
  }

  get plugins(): PluginDefinition[] {
    return this.#plugins.map((plugin) => plugin.definition)
  }

  find(name: string): PluginDefinition | undefined {
    return this.plugins.find((plugin) => plugin.name === name)
  }

  declareExtensionPoint(name: string) {
    if (!this.#extensionPoints.has(name)) this.#extensionPoints.set(name, [])
  }

  contribute<T>(point: string, contribution: T) {
    const contributions = this.#extensionPoints.get(point)
    if (!contributions) {
      throw new Error(`Unknown extension point "${point}": declare it before contributing`)
    }
    contributions.push(contribution)
  }

  contributions<T>(point: string): T[] {
    return [...((this.#extensionPoints.get(point) as T[] | undefined) ?? [])]
  }

  subscribe(consumer: EventConsumer) {
    if (this.#consumers.has(consumer.name)) {
      throw new Error(`Event consumer "${consumer.name}" is subscribed twice`)
    }
    this.#consumers.set(consumer.name, consumer)
  }

  consumers(): EventConsumer[] {
    return [...this.#consumers.values()]
  }

  /** Runs one lifecycle hook on every plugin, in dependency order (reversed for shutdown). */
  async runHook(hook: Hook) {
    const plugins = hook === 'shutdown' ? [...this.#plugins].reverse() : this.#plugins
    for (const { definition, root } of plugins) {
      const fn = definition[hook]
      if (!fn) continue
      const context: PluginHookContext = { app: this.app, registry: this, root }
      try {
        await fn.call(definition, context)
      } catch (error) {
        throw new PluginLoadError(
          definition.name,
          `${hook} hook failed: ${(error as Error).message}`
        )
      }
    }
  }

  /**
   * Mounts each plugin's routes under /api/v1/<name> (and its root routes under
   * /api/v1), behind the given middleware.
   */
  mountRoutes(router: Router, middleware: (pluginName: string) => any[]) {
    for (const { definition } of this.#plugins) {
      if (definition.routes) {
        router
          .group(() => definition.routes!(router))
          .prefix(`/api/v1/${definition.name}`)
          .use(middleware(definition.name))
      }
      if (definition.rootRoutes) {
        router
          .group(() => definition.rootRoutes!(router))
          .prefix('/api/v1')
          .use(middleware(definition.name))
      }
    }
  }
}
