import type { Router } from '@adonisjs/core/http'
import type { ApplicationService } from '@adonisjs/core/types'
import type { BouncerAbility } from '@adonisjs/bouncer/types'
import type { EventConsumer } from '#events/types'
import type { DiscoveredPlugin } from './discovery.js'
import {
  consoleNavigation,
  consolePages,
  projectTabs,
  storageMeters,
  demoContent,
  paletteSources,
  type Contribution,
  type ExtensionPoint,
  type PluginDefinition,
  type SettingChoice,
  type TenantTransaction,
} from './contract.js'
import { PluginLoadError } from './errors.js'
import { contributionProblem } from './shapes.js'
import { createPluginApi } from './plugin_api.js'
import { assertNoShadowedRoutes, type RouteLedger } from './route_guard.js'

/** The owner of the core's extension points and consumers. */
export const CORE = 'core'

/** The core declares only its own points; each plugin declares the ones it owns. */
export const CORE_EXTENSION_POINTS = [
  consolePages,
  consoleNavigation,
  projectTabs,
  storageMeters,
  demoContent,
  paletteSources,
]

type Hook = 'register' | 'boot' | 'start' | 'shutdown'

/** Which plugins a tenant has enabled, and their settings (PluginInstallations). */
export interface PluginEnablement {
  enabledPlugins(trx: TenantTransaction): Promise<Set<string>>
  settingsFor(trx: TenantTransaction, name: string): Promise<Record<string, unknown>>
}

interface DeclaredPoint {
  point: ExtensionPoint<any>
  owner: string
  contributions: Contribution<unknown>[]
}

/**
 * The installed plugins, the extension points they own and contribute to, the
 * domain-event consumers and abilities they add. Plugins reach each other only
 * here, and only through the PluginApi their hooks receive, which stamps every
 * contribution with the plugin that made it.
 */
export class PluginRegistry {
  #plugins: DiscoveredPlugin[] = []
  #points = new Map<string, DeclaredPoint>()
  #consumers = new Map<string, EventConsumer>()
  #abilities = new Map<string, BouncerAbility<any>>()
  #enablement?: PluginEnablement
  #routes?: RouteLedger

  constructor(readonly app: ApplicationService) {
    for (const point of CORE_EXTENSION_POINTS) this.declare(point, CORE)
  }

  load(plugins: DiscoveredPlugin[]) {
    this.#plugins = plugins
  }

  /** Where tenant enablement is read (set by the plugins provider). */
  useEnablement(enablement: PluginEnablement) {
    this.#enablement = enablement
  }

  /** Records the core's routes so plugin routes cannot shadow them (set by the plugins provider). */
  useRouteLedger(ledger: RouteLedger) {
    this.#routes = ledger
  }

  get plugins(): PluginDefinition[] {
    return this.#plugins.map((plugin) => plugin.definition)
  }

  find(name: string): PluginDefinition | undefined {
    return this.plugins.find((plugin) => plugin.name === name)
  }

  /** Declares a point owned by `owner`; declaring a name another owner has is an error. */
  declare<P extends ExtensionPoint<any>>(point: P, owner: string): P {
    const existing = this.#points.get(point.name)
    if (existing && existing.owner !== owner) {
      throw new PluginLoadError(
        owner,
        `cannot declare extension point "${point.name}": it belongs to "${existing.owner}"`
      )
    }
    if (!existing) this.#points.set(point.name, { point, owner, contributions: [] })
    return point
  }

  /** The owner of a declared point (core or a plugin), or undefined. */
  ownerOf(point: ExtensionPoint<any> | string) {
    return this.#points.get(typeof point === 'string' ? point : point.name)?.owner
  }

  /** Adds `plugin`'s contribution after checking it against the point's shape. */
  contribute(point: ExtensionPoint<any> | string, contribution: unknown, plugin: string) {
    const name = typeof point === 'string' ? point : point.name
    const declared = this.#points.get(name)
    if (!declared) {
      throw new PluginLoadError(
        plugin,
        `Unknown extension point "${name}": its owner must declare it (in register) before anyone contributes`
      )
    }
    const problem = contributionProblem(declared.point, contribution)
    if (problem) {
      throw new PluginLoadError(plugin, `its contribution to "${name}" is invalid: ${problem}`)
    }
    declared.contributions.push({ plugin, value: contribution })
  }

  /**
   * Contributions to a point with the plugin that made each. Given a tenant
   * (its transaction), only those of plugins that tenant has enabled.
   */
  contributions<T>(point: ExtensionPoint<T>): Contribution<T>[]
  contributions<T>(
    point: ExtensionPoint<T>,
    scope: { tenant: TenantTransaction }
  ): Promise<Contribution<T>[]>
  contributions<T>(point: ExtensionPoint<T>, scope?: { tenant: TenantTransaction }) {
    const all = [...((this.#points.get(point.name)?.contributions ?? []) as Contribution<T>[])]
    if (!scope) return all
    return this.enabledPlugins(scope.tenant).then((enabled) =>
      all.filter((contribution) => enabled.has(contribution.plugin))
    )
  }

  /**
   * The values a `settingsChoices` setting may take: the `key` of each contribution
   * to the named point from a plugin the tenant of `trx` has enabled, with its `label`.
   */
  async choices(pointName: string, trx: TenantTransaction): Promise<SettingChoice[]> {
    const enabled = await this.enabledPlugins(trx)
    const declared = this.#points.get(pointName)?.contributions ?? []
    return declared
      .filter(({ plugin }) => enabled.has(plugin))
      .map(({ plugin, value }) => {
        const { key, label } = (value ?? {}) as { key?: unknown; label?: unknown }
        return typeof key === 'string'
          ? { value: key, label: typeof label === 'string' ? label : key, plugin }
          : null
      })
      .filter((choice): choice is SettingChoice => choice !== null)
  }

  /** The plugins enabled for the tenant of `trx` (the core always is). */
  async enabledPlugins(trx: TenantTransaction): Promise<Set<string>> {
    if (!this.#enablement) throw new Error('Plugin enablement is read before the app booted')
    return new Set(await this.#enablement.enabledPlugins(trx)).add(CORE)
  }

  async settingsFor(trx: TenantTransaction, plugin: string) {
    if (!this.#enablement) throw new Error('Plugin settings are read before the app booted')
    return this.#enablement.settingsFor(trx, plugin)
  }

  /**
   * Subscribes a consumer. Plugins subscribe through their PluginApi, which
   * sets `plugin`; the core (and tests) subscribe here directly. Returns the
   * function that unsubscribes it.
   */
  subscribe(consumer: EventConsumer) {
    if (this.#consumers.has(consumer.name)) {
      throw new Error(`Event consumer "${consumer.name}" is subscribed twice`)
    }
    this.#consumers.set(consumer.name, consumer)
    return () => this.unsubscribe(consumer.name)
  }

  unsubscribe(name: string) {
    this.#consumers.delete(name)
  }

  consumers(): EventConsumer[] {
    return [...this.#consumers.values()]
  }

  /** Adds a plugin's ability under `<plugin>.<name>`. */
  addAbility(plugin: string, name: string, ability: BouncerAbility<any>) {
    const fullName = `${plugin}.${name}`
    if (!/^[a-zA-Z][\w-]*$/.test(name)) {
      throw new PluginLoadError(plugin, `ability name "${name}" must be letters, digits, _ and -`)
    }
    if (this.#abilities.has(fullName)) {
      throw new PluginLoadError(plugin, `ability "${fullName}" is defined twice`)
    }
    this.#abilities.set(fullName, ability)
  }

  /** Every plugin ability by its full name, for the request's bouncer. */
  abilities(): Record<string, BouncerAbility<any>> {
    return Object.fromEntries(this.#abilities)
  }

  /** Runs one lifecycle hook on every plugin, in dependency order (reversed for shutdown). */
  async runHook(hook: Hook) {
    const plugins = hook === 'shutdown' ? [...this.#plugins].reverse() : this.#plugins
    for (const plugin of plugins) {
      const { definition } = plugin
      const fn = definition[hook]
      if (!fn) continue
      try {
        await fn.call(definition, createPluginApi(this, plugin))
      } catch (error) {
        if (error instanceof PluginLoadError) throw error
        throw new PluginLoadError(
          definition.name,
          `${hook} hook failed: ${(error as Error).message}`
        )
      }
    }
  }

  /**
   * Mounts each plugin's routes under /api/v1/<name> (and its root routes under
   * /api/v1), behind the given middleware. A plugin route with the method and
   * path of a core route (or another plugin's) stops start-up.
   */
  mountRoutes(router: Router, middleware: (pluginName: string) => any[]) {
    const owners = new Map<object, string>()
    const mark = (plugin: string, define: () => void) => {
      const before = new Set(this.#routes?.routes ?? [])
      define()
      for (const route of this.#routes?.routes ?? []) {
        if (!before.has(route)) owners.set(route, plugin)
      }
    }
    for (const { definition } of this.#plugins) {
      if (definition.routes) {
        mark(definition.name, () =>
          router
            .group(() => definition.routes!(router))
            .prefix(`/api/v1/${definition.name}`)
            .use(middleware(definition.name))
        )
      }
      if (definition.rootRoutes) {
        mark(definition.name, () =>
          router
            .group(() => definition.rootRoutes!(router))
            .prefix('/api/v1')
            .use(middleware(definition.name))
        )
      }
    }
    if (this.#routes) assertNoShadowedRoutes(this.#routes.routes, owners)
  }
}
