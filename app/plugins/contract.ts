/*
| The contract between the core and a plugin (folder under plugins/ or npm package).
| Version PLUGIN_API_VERSION of it is documented in docs/plugins.md. npm plugins
| get these types from the `contextnexus/plugin` export of the host's package.
*/
import type { ApplicationService } from '@adonisjs/core/types'
import type { HttpContext, Router } from '@adonisjs/core/http'
import type { Logger } from '@adonisjs/core/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { BouncerAbility } from '@adonisjs/bouncer/types'
import type { EventConsumer } from '#events/types'
import type { ActionContext } from '#tenancy/action_context'

export type { DomainEvent, ConsumerContext, EventConsumer } from '#events/types'

/** 2: hooks receive a PluginApi; typed, plugin-owned extension points; plugin abilities. */
export const PLUGIN_API_VERSION = 2

/** A transaction bound to one tenant (row-level security scopes every query to it). */
export type TenantTransaction = TransactionClientContract

/** Anything with VineJS's `validate`, e.g. `vine.create(vine.object({...}))`. */
export interface SettingsValidator {
  validate(data: unknown): Promise<Record<string, unknown>>
  /** VineJS validators provide it; the console builds the settings form from it. */
  toJSONSchema?(): unknown
}

/* ---------------------------------------------------------------- extension points */

export type ShapeKind = 'string' | 'number' | 'boolean' | 'function' | 'object' | 'array'
/** The fields a contribution must have, checked when it is contributed ('?' = optional). */
export type Shape = Record<string, ShapeKind | `${ShapeKind}?`>

/**
 * A typed extension point: its owner declares it (`api.declare(point)`) and
 * exports it so others can `api.contribute(point, value)` with `T` checked
 * by TypeScript; `shape` (and `check`) are verified at start-up.
 */
export interface ExtensionPoint<T> {
  readonly name: string
  readonly shape: Shape
  /** A further check of one contribution: the problem, or undefined when it is fine. */
  readonly check?: (contribution: T) => string | undefined
  /** Never set: carries T for the type checker. */
  readonly __contribution?: (contribution: T) => void
}

export function defineExtensionPoint<T>(
  name: string,
  shape: Shape,
  check?: (contribution: T) => string | undefined
): ExtensionPoint<T> {
  return Object.freeze({ name, shape, check })
}

/** One contribution, with the plugin that made it (stamped by the registry, never by the author). */
export interface Contribution<T> {
  plugin: string
  value: T
}

/** What a plugin page shows: the core renders it in the console or a project tab. */
export interface PluginViewContent {
  summary?: string
  table?: { columns: string[]; rows: (string | number | null)[][] }
  /** Shown when the table has no rows. */
  empty?: string
}

/**
 * A page a plugin contributes to `console.pages` (served at /admin/ext/<plugin>/<slug>)
 * or `workspace.project-tabs` (served at /app/projects/:id/tabs/<plugin>/<slug>).
 */
export interface PluginView {
  slug: string
  title: string
  /**
   * A page of the plugin's own ("plugins/<name>/<page>", from its pages/ folder),
   * rendered with what `load` returns; without it the core renders the content.
   */
  component?: string
  load?: (
    ctx: HttpContext,
    scope: { projectId?: string }
  ) => Promise<PluginViewContent & Record<string, unknown>>
}

/** A link a plugin adds to the console's navigation. */
export interface NavigationLink {
  title: string
  path: string
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/
const viewShape: Shape = {
  slug: 'string',
  title: 'string',
  component: 'string?',
  load: 'function?',
}
const checkView = (view: PluginView) =>
  SLUG.test(view.slug)
    ? undefined
    : `slug "${view.slug}" must be lower-case letters, digits and dashes`

/** The core's own extension points; every other point belongs to the plugin declaring it. */
export const consolePages = defineExtensionPoint<PluginView>('console.pages', viewShape, checkView)
export const projectTabs = defineExtensionPoint<PluginView>(
  'workspace.project-tabs',
  viewShape,
  checkView
)
export const consoleNavigation = defineExtensionPoint<NavigationLink>(
  'console.navigation',
  { title: 'string', path: 'string' },
  (link) => (link.path.startsWith('/') ? undefined : `path "${link.path}" must start with /`)
)

/**
 * Bytes a plugin keeps for the tenant of `trx` (the content plugin's stored files).
 * The workspace's storage limit checks, and its settings show, their sum.
 */
export interface StorageMeter {
  storedBytes(trx: TenantTransaction): Promise<number>
}

export const storageMeters = defineExtensionPoint<StorageMeter>('usage.storage', {
  storedBytes: 'function',
})

/**
 * Sample content a plugin adds to the development start's demo project, so a
 * first look is not an empty screen. `seed` adds what is missing (it runs on
 * every start) and returns how many things it added. `ctx` acts as the demo admin.
 */
export interface DemoContent {
  seed(ctx: ActionContext, projectId: string): Promise<number>
}

export const demoContent = defineExtensionPoint<DemoContent>('workspace.demo-content', {
  seed: 'function',
})

/**
 * Results a plugin adds to the workspace's command palette (⌘K): things of its own the
 * signed-in member may open, whose title matches `q`. `find` sees the request's tenant
 * transaction and user (`ctx.tenant`), and must keep to what that user can see.
 */
export interface PaletteEntry {
  title: string
  description?: string
  /** Where choosing it goes: a path in this app. */
  href: string
  /** An icon name of the bundled collection, e.g. `i-lucide-file-text`. */
  icon?: string
}

export interface PaletteSource {
  /** The heading of its group in the palette, e.g. "Documents". */
  label: string
  find(ctx: HttpContext, q: string, limit: number): Promise<PaletteEntry[]>
}

export const paletteSources = defineExtensionPoint<PaletteSource>('workspace.palette', {
  label: 'string',
  find: 'function',
})

/**
 * Contribution types by point name, for contributing by name (npm plugins
 * without the owner's token). Owners add theirs with declaration merging:
 * `declare module '#plugins_core/contract' { interface ExtensionPointTypes { ... } }`.
 */
export interface ExtensionPointTypes {
  'console.pages': PluginView
  'workspace.project-tabs': PluginView
  'console.navigation': NavigationLink
  'usage.storage': StorageMeter
  'workspace.demo-content': DemoContent
  'workspace.palette': PaletteSource
}

/* ---------------------------------------------------------------- the plugin API */

/** A domain-event consumer as a plugin subscribes it; the registry adds its plugin. */
export type PluginEventConsumer = Omit<EventConsumer, 'plugin'>

/** An authorization check a plugin adds (allowed or not); `user` is the signed-in user. */
export type AbilityCheck = (user: any, ...args: any[]) => boolean | Promise<boolean>

/**
 * What a plugin's hooks receive: everything a plugin may do to the core, and
 * nothing more. Every contribution, consumer and ability made through it is
 * stamped with the plugin's name. Its functions are bound, so hooks may
 * destructure it: `boot({ contribute, subscribe }) {}`.
 */
export interface PluginApi {
  /** The plugin's name. */
  readonly name: string
  /** Absolute path of the plugin's folder. */
  readonly root: string
  readonly app: ApplicationService
  /** The IoC container, e.g. `await container.make(SomeService)`. */
  readonly container: ApplicationService['container']
  /** The app's logger, with `plugin: <name>` on every line. */
  readonly logger: Logger

  /** Declares an extension point this plugin owns (in `register`). */
  declare<P extends ExtensionPoint<any>>(point: P): P
  declare<T>(name: string, shape: Shape): ExtensionPoint<T>

  /** Adds to a declared extension point (in `boot`); its shape is checked now. */
  contribute<T>(point: ExtensionPoint<T>, contribution: T): void
  contribute<K extends keyof ExtensionPointTypes>(
    point: K,
    contribution: ExtensionPointTypes[K]
  ): void

  /** Contributions to a point: every one, or only those of plugins enabled for a tenant. */
  contributions<T>(point: ExtensionPoint<T>): Contribution<T>[]
  contributions<T>(
    point: ExtensionPoint<T>,
    scope: { tenant: TenantTransaction }
  ): Promise<Contribution<T>[]>

  /** Subscribes a domain-event consumer; it skips tenants that disabled this plugin. */
  subscribe(consumer: PluginEventConsumer): void

  /** This plugin's settings for the tenant of `trx`, defaults filled in. */
  settings(trx: TenantTransaction): Promise<Record<string, unknown>>

  /**
   * Adds an ability named `<plugin>.<name>`: `ctx.bouncer.allows('<plugin>.<name>', ...)`
   * anywhere, or pass the returned ability itself. It denies guests.
   */
  defineAbility(name: string, check: AbilityCheck): BouncerAbility<any>
}

/* ---------------------------------------------------------------- the manifest */

export interface PluginManifest {
  /** Lower-case, dash separated: the route prefix /api/v1/<name> and the key in plugin_installations. */
  name: string
  version: string
  /** The PLUGIN_API_VERSION the plugin was written against. */
  apiVersion: number
  /** Names of the plugins this one needs; they are loaded, migrated and started first. */
  requires?: string[]
  /** One or two sentences for admins: what the plugin adds (shown on /admin/plugins). */
  description?: string
  /** What the plugin offers, shown to admins (e.g. 'storage-driver', 'llm-provider'). */
  capabilities?: string[]
  /** A tenant without an installation row gets the plugin when this is true (the default). */
  enabledByDefault?: boolean
  /** Validates the per-tenant settings an admin saves. */
  settings?: SettingsValidator
  /** Default settings, stored when a tenant first saves none. */
  defaultSettings?: Record<string, unknown>
  /**
   * Settings whose value must be the `key` of a contribution to an extension
   * point, read at run time: `{ embeddingProvider: 'embedding.providers' }`.
   * The settings form shows a select of those keys (the plugins the tenant has
   * enabled), and any other value is refused with a 422 naming the setting.
   */
  settingsChoices?: Record<string, string>
}

/** Whether a plugin has what it needs on this server (environment, credentials). */
export interface PluginConfigurationState {
  ok: boolean
  /** Why not, and what to set: "S3 is not configured: set S3_ENDPOINT, …". */
  reason?: string
}

/** One allowed value of a setting declared in `settingsChoices`. */
export interface SettingChoice {
  value: string
  label: string
  /** The plugin that contributed it. */
  plugin: string
}

export type PluginHook = (api: PluginApi) => void | Promise<void>

export interface PluginDefinition extends PluginManifest {
  /** Folder (relative to the plugin root) holding its migrations; 'migrations' when omitted. */
  migrationsDir?: string
  /**
   * Whether the server gives the plugin what it needs (read on each request, after
   * the env is loaded); shown to admins. Without it a plugin counts as configured.
   */
  configured?: () => PluginConfigurationState
  /** Mounts the plugin's HTTP routes; they are prefixed with /api/v1/<name>. */
  routes?: (router: Router) => void
  /**
   * Routes at the API root (/api/v1/...) for resources the plugin owns there,
   * e.g. /search. One that matches a core route (or another plugin's) stops start-up.
   */
  rootRoutes?: (router: Router) => void
  /** Ace commands the plugin adds (each module default-exports a BaseCommand). */
  commands?: (() => Promise<{ default: unknown }>)[]
  /** Declare extension points, bind container services. Must not open connections. */
  register?: PluginHook
  /** Contribute to extension points, subscribe to domain events, define abilities. */
  boot?: PluginHook
  /** The app is ready to serve: open connections, start timers. */
  start?: PluginHook
  /** Release what start opened. */
  shutdown?: PluginHook
}

export function definePlugin<T extends PluginDefinition>(definition: T): T {
  return definition
}

/** One entry of config/plugins.ts: a folder of this repository or an installed npm package. */
export type PluginSource = { path: string } | { package: string }

export interface PluginsConfig {
  plugins: PluginSource[]
}

export function definePluginsConfig(config: PluginsConfig): PluginsConfig {
  return config
}
