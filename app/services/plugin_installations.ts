import { inject } from '@adonisjs/core'
import { errors as vineErrors } from '@vinejs/vine'
import { PluginRegistry, type PluginEnablement } from '#plugins_core/registry'
import type { PluginDefinition } from '#plugins_core/contract'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { recordAudit, type AuditActor } from '#services/audit'
import { diffChanges, hasChanges } from '#services/audit_diff'
import { appendEvent } from '#events/outbox'
import { UnprocessableError, NotFoundError } from '#exceptions/domain_errors'
import { fieldLabel } from '#validators/messages'

/** The JSON Schema the console builds a settings form from (as VineJS describes it). */
export interface SettingsSchema {
  type?: string
  properties?: Record<string, Record<string, unknown>>
  required?: string[]
  [key: string]: unknown
}

interface InstallationRow {
  plugin_name: string
  enabled: boolean
  version: string
  settings: Record<string, unknown>
}

/**
 * What a transaction has read of plugin_installations: a request asks for
 * enablement several times (the route check, each catalog and console lookup)
 * and its answer only changes through update() below, which forgets it.
 */
const enabledByTransaction = new WeakMap<TenantTransaction, Promise<Set<string>>>()

/** Per-tenant enablement and validated settings of the installed plugins. */
@inject()
export class PluginInstallations implements PluginEnablement {
  constructor(private registry: PluginRegistry) {}

  /** The installed plugins the tenant of `trx` has enabled (one query per transaction). */
  enabledPlugins(trx: TenantTransaction): Promise<Set<string>> {
    let enabled = enabledByTransaction.get(trx)
    if (!enabled) {
      enabled = this.#readEnabled(trx)
      enabledByTransaction.set(trx, enabled)
      // A failed read is not remembered.
      enabled.catch(() => enabledByTransaction.delete(trx))
    }
    return enabled
  }

  async isEnabled(trx: TenantTransaction, name: string) {
    const enabled = await this.enabledPlugins(trx)
    return enabled.has(name)
  }

  async #readEnabled(trx: TenantTransaction) {
    const rows = (await trx.from('plugin_installations').select('plugin_name', 'enabled')) as Pick<
      InstallationRow,
      'plugin_name' | 'enabled'
    >[]
    const chosen = new Map(rows.map((row) => [row.plugin_name, row.enabled]))
    const enabled = new Set<string>()
    for (const plugin of this.registry.plugins) {
      if (chosen.get(plugin.name) ?? plugin.enabledByDefault !== false) enabled.add(plugin.name)
    }
    return enabled
  }

  async settingsFor(trx: TenantTransaction, name: string) {
    const plugin = this.#require(name)
    const row = await this.#row(trx, name)
    return { ...(plugin.defaultSettings ?? {}), ...(row?.settings ?? {}) }
  }

  async list(trx: TenantTransaction) {
    const rows = (await trx.from('plugin_installations').select('*')) as InstallationRow[]
    const byName = new Map(rows.map((row) => [row.plugin_name, row]))
    const listed = []
    for (const plugin of this.registry.plugins) {
      const row = byName.get(plugin.name)
      listed.push({
        name: plugin.name,
        version: plugin.version,
        description: plugin.description ?? null,
        capabilities: plugin.capabilities ?? [],
        requires: plugin.requires ?? [],
        enabled: row ? row.enabled : plugin.enabledByDefault !== false,
        configured: configurationOf(plugin),
        hasSettings: Boolean(plugin.settings),
        settings: { ...(plugin.defaultSettings ?? {}), ...(row?.settings ?? {}) },
        settingsSchema: await this.#settingsSchema(trx, plugin),
      })
    }
    return listed
  }

  /**
   * The plugin's settings as JSON Schema, for the console's form: a setting
   * declared in `settingsChoices` carries the values it may take now as `enum`
   * (and `oneOf` with each one's label), so the form shows a select.
   */
  async settingsSchema(trx: TenantTransaction, name: string) {
    return this.#settingsSchema(trx, this.#require(name))
  }

  async #settingsSchema(trx: TenantTransaction, plugin: PluginDefinition) {
    const described = plugin.settings?.toJSONSchema?.() as SettingsSchema | undefined
    if (!described) return null
    const schema = structuredClone(described)
    for (const [field, point] of Object.entries(plugin.settingsChoices ?? {})) {
      const property = schema.properties?.[field]
      if (!property) continue
      const choices = await this.registry.choices(point, trx)
      property.enum = choices.map((choice) => choice.value)
      property.oneOf = choices.map((choice) => ({ const: choice.value, title: choice.label }))
    }
    return schema
  }

  async update(
    trx: TenantTransaction,
    actor: AuditActor,
    name: string,
    change: { enabled?: boolean; settings?: Record<string, unknown> }
  ) {
    const plugin = this.#require(name)
    const current = await this.#row(trx, name)
    const enabled =
      change.enabled ?? (current ? current.enabled : plugin.enabledByDefault !== false)
    const wasEnabled = current ? current.enabled : plugin.enabledByDefault !== false
    let settings = current?.settings ?? plugin.defaultSettings ?? {}
    if (change.settings !== undefined)
      settings = await this.#validateSettings(trx, plugin, change.settings)

    if (enabled) await this.#assertRequirementsEnabled(trx, plugin)
    else await this.#assertNotRequiredByEnabled(trx, plugin)

    await trx
      .insertQuery()
      .table('plugin_installations')
      .insert({
        tenant_id: actor.tenantId,
        plugin_name: name,
        enabled,
        version: plugin.version,
        settings: JSON.stringify(settings),
        updated_by: actor.actorId,
      })
      .knexQuery.onConflict(['tenant_id', 'plugin_name'])
      .merge(['enabled', 'version', 'settings', 'updated_by', 'updated_at'])
    enabledByTransaction.delete(trx)

    // Compared with what applied before (defaults included): saving the same values records nothing.
    const defaults = plugin.defaultSettings ?? {}
    const changes = diffChanges(
      { enabled: wasEnabled, settings: { ...defaults, ...(current?.settings ?? {}) } },
      { enabled, settings: { ...defaults, ...settings } }
    )
    if (!hasChanges(changes)) return { name, enabled, settings }
    const action =
      wasEnabled === enabled
        ? 'plugin.settings_updated'
        : enabled
          ? 'plugin.enabled'
          : 'plugin.disabled'
    await recordAudit(trx, actor, {
      action,
      subjectType: 'plugin',
      details: { plugin: name, changes },
    })
    await appendEvent(trx, {
      tenantId: actor.tenantId,
      type: action,
      aggregateType: 'tenant',
      aggregateId: actor.tenantId,
      payload: { plugin: name, enabled },
      actorId: actor.actorId,
    })
    return { name, enabled, settings }
  }

  async #validateSettings(
    trx: TenantTransaction,
    plugin: PluginDefinition,
    settings: Record<string, unknown>
  ) {
    if (!plugin.settings) {
      throw new UnprocessableError([
        { field: 'settings', message: `Plugin "${plugin.name}" has no settings` },
      ])
    }
    let valid: Record<string, unknown>
    try {
      valid = await plugin.settings.validate(settings)
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        throw new UnprocessableError(
          (error.messages as { field: string; message: string; rule: string }[]).map((m) => ({
            ...m,
            field: `settings.${m.field}`,
          }))
        )
      }
      throw error
    }
    await this.#assertChoices(trx, plugin, valid)
    return valid
  }

  /** A `settingsChoices` setting must name a contribution that exists (for this tenant) now. */
  async #assertChoices(
    trx: TenantTransaction,
    plugin: PluginDefinition,
    settings: Record<string, unknown>
  ) {
    for (const [field, point] of Object.entries(plugin.settingsChoices ?? {})) {
      if (settings[field] === undefined) continue
      const choices = await this.registry.choices(point, trx)
      if (choices.some((choice) => choice.value === settings[field])) continue
      const known = choices.map((choice) => `"${choice.value}"`).join(', ') || 'none available'
      throw new UnprocessableError([
        {
          field: `settings.${field}`,
          message: `Unknown ${fieldLabel(field).toLowerCase()} "${String(settings[field])}": choose one of ${known}`,
          rule: 'choice',
        },
      ])
    }
  }

  async #assertRequirementsEnabled(trx: TenantTransaction, plugin: PluginDefinition) {
    for (const required of plugin.requires ?? []) {
      if (!(await this.isEnabled(trx, required))) {
        throw new UnprocessableError([
          { field: 'enabled', message: `Enable "${required}" first: "${plugin.name}" requires it` },
        ])
      }
    }
  }

  async #assertNotRequiredByEnabled(trx: TenantTransaction, plugin: PluginDefinition) {
    for (const other of this.registry.plugins) {
      if (other.requires?.includes(plugin.name) && (await this.isEnabled(trx, other.name))) {
        throw new UnprocessableError([
          {
            field: 'enabled',
            message: `Disable "${other.name}" first: it requires "${plugin.name}"`,
          },
        ])
      }
    }
  }

  #require(name: string) {
    const plugin = this.registry.find(name)
    if (!plugin) throw new NotFoundError(`Plugin "${name}" is not installed`)
    return plugin
  }

  async #row(trx: TenantTransaction, name: string) {
    return (await trx.from('plugin_installations').where('plugin_name', name).first()) as
      InstallationRow | undefined
  }
}

/** A plugin without a `configured()` check needs nothing from the server. */
function configurationOf(plugin: PluginDefinition) {
  const state = plugin.configured?.() ?? { ok: true }
  return { ok: state.ok, reason: state.ok ? null : (state.reason ?? 'Not configured') }
}
