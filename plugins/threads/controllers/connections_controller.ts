import type { HttpContext } from '@adonisjs/core/http'
import { diffChanges, recordChange, recordUpdate } from '#services/change_log'
import { NotFoundError, UnprocessableError, type FieldError } from '#exceptions/domain_errors'
import { createConnectionValidator, updateConnectionValidator } from '../validators/connections.js'
import { providerCatalog, type ProviderCatalog } from '../services/provider_catalog.js'
import type { LlmProvider } from '../services/llm_contract.js'
import {
  connectionNameTaken,
  decryptApiKey,
  deleteConnection,
  findConnection,
  insertConnection,
  updateConnection,
} from '../services/connections.js'
import { modelsOfConnections } from '../services/models.js'
import { listConnectionModels } from '../services/connection_checks.js'
import { serializeConnection, serializeProvider } from '../services/model_serializers.js'
import { connectionsWithModels } from '../services/models_console.js'

/* Short: an admin waits on the button, and the request's transaction waits with them. */
const TEST_TIMEOUT_MS = 10_000

/**
 * A tenant's connections to LLM vendors (tenant admins only). The API key is
 * written, replaced or cleared here but never read back: answers say whether
 * there is one and show its last four characters.
 */
export default class ConnectionsController {
  /** The providers this workspace may connect to (their plugins enabled). */
  async providers(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const catalog = await providerCatalog(ctx.tenant.trx)
    return { data: catalog.enabled.map(serializeProvider) }
  }

  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const { trx } = ctx.tenant
    return { data: await connectionsWithModels(trx, await providerCatalog(trx)) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const input = await ctx.request.validateUsing(createConnectionValidator)
    const { trx } = ctx.tenant
    const catalog = await providerCatalog(trx)
    const provider = catalog.find(input.provider)
    const errors: FieldError[] = []
    if (!provider) errors.push(unknownProvider(catalog))
    if (await connectionNameTaken(trx, input.name)) errors.push(nameTaken())
    if (provider) errors.push(...providerNeeds(provider, input.baseUrl ?? null, input.apiKey ?? null))
    if (errors.length) throw new UnprocessableError(errors)

    const connection = await insertConnection(trx, {
      tenantId: ctx.tenant.id,
      name: input.name,
      provider: provider!.key,
      baseUrl: input.baseUrl ?? null,
      apiKey: input.apiKey ?? null,
      enabled: input.enabled ?? true,
      createdBy: ctx.tenant.user.id,
    })
    await recordChange(ctx, {
      action: 'llm.connection_created',
      subjectType: 'llm_connection',
      subjectId: connection.id,
      details: {
        name: connection.name,
        provider: connection.provider,
        baseUrl: connection.base_url,
        hasApiKey: Boolean(connection.api_key_encrypted),
      },
    })
    return ctx.response.created({ data: serializeConnection(connection, catalog, []) })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const { trx } = ctx.tenant
    const connection = await this.#find(ctx)
    const input = await ctx.request.validateUsing(updateConnectionValidator)
    const catalog = await providerCatalog(trx)
    // A provider whose plugin is off cannot be asked what it needs: its rules wait until it is back.
    const provider = catalog.find(connection.provider)
    const errors: FieldError[] = []
    if (input.name !== undefined && (await connectionNameTaken(trx, input.name, connection.id))) {
      errors.push(nameTaken())
    }
    const storedKey = decryptApiKey(connection.api_key_encrypted)
    if (provider) {
      const baseUrl = input.baseUrl !== undefined ? input.baseUrl : connection.base_url
      const apiKey = input.apiKey !== undefined ? input.apiKey : storedKey
      errors.push(...providerNeeds(provider, baseUrl, apiKey))
    }
    if (errors.length) throw new UnprocessableError(errors)

    const updated = await updateConnection(trx, connection.id, input)
    const changes = diffChanges(
      { name: connection.name, baseUrl: connection.base_url, enabled: connection.enabled },
      { name: updated.name, baseUrl: updated.base_url, enabled: updated.enabled }
    )
    // Only that the key changed: neither value reaches the audit log.
    if (input.apiKey !== undefined && input.apiKey !== storedKey) changes.apiKey = { redacted: true }
    await recordUpdate(ctx, {
      action: 'llm.connection_updated',
      subjectType: 'llm_connection',
      subjectId: connection.id,
      details: { name: updated.name, provider: updated.provider },
      changes,
    })
    const models = await modelsOfConnections(trx, [connection.id])
    return { data: serializeConnection(updated, catalog, models) }
  }

  /** Removes the connection and its models; threads that used them fall back to the default. */
  async destroy(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const { trx } = ctx.tenant
    const connection = await this.#find(ctx)
    const models = await modelsOfConnections(trx, [connection.id])
    await deleteConnection(trx, connection.id)
    await recordChange(ctx, {
      action: 'llm.connection_deleted',
      subjectType: 'llm_connection',
      subjectId: connection.id,
      details: { name: connection.name, provider: connection.provider, models: models.length },
    })
    return ctx.response.noContent()
  }

  /**
   * Whether the vendor answers with this base URL and key: `ok`, how many
   * models it lists, or why not in plain words. Always 200, so the outcome
   * recorded on the connection (last check, last error) is kept.
   */
  async test(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const { trx } = ctx.tenant
    const connection = await this.#find(ctx)
    const catalog = await providerCatalog(trx)
    const listing = await listConnectionModels(trx, catalog, connection, TEST_TIMEOUT_MS)
    return {
      data: listing.ok
        ? { ok: true, models: listing.models.length }
        : { ok: false, models: 0, error: listing.error },
    }
  }

  async #find(ctx: HttpContext) {
    const connection = await findConnection(ctx.tenant.trx, ctx.params.id)
    if (!connection) throw new NotFoundError('Connection not found')
    return connection
  }
}

const nameTaken = (): FieldError => ({
  field: 'name',
  message: 'This workspace already has a connection with this name',
  rule: 'unique',
})

function unknownProvider(catalog: ProviderCatalog): FieldError {
  const choices = catalog.enabled.map((provider) => `${provider.key} (${provider.label})`)
  return {
    field: 'provider',
    message: choices.length
      ? `Provider must be one of: ${choices.join(', ')}`
      : 'No model provider is enabled in this workspace: enable a provider plugin first',
    rule: 'enum',
  }
}

/** What the provider requires: a base URL when it has no default, a key when it needs one. */
function providerNeeds(provider: LlmProvider, baseUrl: string | null, apiKey: string | null) {
  const errors: FieldError[] = []
  if (!baseUrl && !provider.defaultBaseUrl) {
    errors.push({
      field: 'baseUrl',
      message: `${provider.label} needs a base URL, such as http://localhost:11434/v1`,
      rule: 'required',
    })
  }
  if (!apiKey && provider.needsApiKey) {
    errors.push({
      field: 'apiKey',
      message: `${provider.label} needs an API key`,
      rule: 'required',
    })
  }
  return errors
}
