/*
| The contract between the core and a plugin (folder under plugins/ or npm package).
| Version PLUGIN_API_VERSION of it is documented in docs/plugins.md.
*/
import type { ApplicationService } from '@adonisjs/core/types'
import type { HttpContext, Router } from '@adonisjs/core/http'
import type { PluginRegistry } from './registry.js'

export const PLUGIN_API_VERSION = 1

/** Anything with VineJS's `validate`, e.g. `vine.create(vine.object({...}))`. */
export interface SettingsValidator {
  validate(data: unknown): Promise<Record<string, unknown>>
  /** VineJS validators provide it; the console builds the settings form from it. */
  toJSONSchema?(): unknown
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
  plugin: string
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

export interface PluginHookContext {
  app: ApplicationService
  registry: PluginRegistry
  /** Absolute path of the plugin's folder. */
  root: string
}

export interface PluginManifest {
  /** Lower-case, dash separated: the route prefix /api/v1/<name> and the key in plugin_installations. */
  name: string
  version: string
  /** The PLUGIN_API_VERSION the plugin was written against. */
  apiVersion: number
  /** Names of the plugins this one needs; they are loaded, migrated and started first. */
  requires?: string[]
  /** What the plugin offers, shown to admins (e.g. 'storage-driver', 'llm-provider'). */
  capabilities?: string[]
  /** A tenant without an installation row gets the plugin when this is true (the default). */
  enabledByDefault?: boolean
  /** Validates the per-tenant settings an admin saves. */
  settings?: SettingsValidator
  /** Default settings, stored when a tenant first saves none. */
  defaultSettings?: Record<string, unknown>
}

export interface PluginDefinition extends PluginManifest {
  /** Folder (relative to the plugin root) holding its migrations; 'migrations' when present. */
  migrationsDir?: string
  /** Mounts the plugin's HTTP routes; they are prefixed with /api/v1/<name>. */
  routes?: (router: Router) => void
  /** Routes at the API root (/api/v1/...) for resources the plugin owns there, e.g. /search. */
  rootRoutes?: (router: Router) => void
  /** Ace commands the plugin adds (each module default-exports a BaseCommand). */
  commands?: (() => Promise<{ default: unknown }>)[]
  /** Bind container services, declare extension points. Must not open connections. */
  register?: (ctx: PluginHookContext) => void | Promise<void>
  /** Contribute to extension points, subscribe to domain events. */
  boot?: (ctx: PluginHookContext) => void | Promise<void>
  /** The app is ready to serve: open connections, start timers. */
  start?: (ctx: PluginHookContext) => void | Promise<void>
  /** Release what start opened. */
  shutdown?: (ctx: PluginHookContext) => void | Promise<void>
}

export function definePlugin<T extends PluginDefinition>(definition: T): T {
  return definition
}

/** One entry of config/plugins.ts. */
export type PluginSource = { path: string } | { package: string }

export interface PluginsConfig {
  plugins: PluginSource[]
}

export function definePluginsConfig(config: PluginsConfig): PluginsConfig {
  return config
}
