import type { HttpContext } from '@adonisjs/core/http'
import { diffChanges, recordChange, recordUpdate } from '#services/change_log'
import { NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import {
  createModelValidator,
  listModelsValidator,
  updateModelValidator,
} from '../validators/connections.js'
import { providerCatalog } from '../services/provider_catalog.js'
import { findConnection, listConnections } from '../services/connections.js'
import {
  DEFAULT_CONTEXT_WINDOW,
  deleteModel,
  findModel,
  insertModel,
  mergeListing,
  modelsOfConnections,
  modelTaken,
  updateModel,
  type ModelRow,
} from '../services/models.js'
import { listConnectionModels } from '../services/connection_checks.js'
import { usableModels } from '../services/model_catalog.js'
import { serializeConnection, serializeModel } from '../services/model_serializers.js'

/** The fields an admin sets on a model, as the audit log compares them. */
const EDITABLE = [
  'displayName',
  'contextWindow',
  'maxOutput',
  'priceInput',
  'priceOutput',
  'priceCached',
  'enabled',
]

/**
 * The models of the connections: what members pick from, and (tenant admins)
 * syncing a vendor's listing, adding by hand, editing and deleting.
 */
export default class ModelsController {
  /**
   * The models a member may pick: enabled, of an enabled connection whose
   * provider plugin is on. `?all=true` (admins): every model with its connection.
   */
  async index(ctx: HttpContext) {
    const { all } = await ctx.request.validateUsing(listModelsValidator)
    const { trx } = ctx.tenant
    if (all) {
      await ctx.bouncer.authorize('administerTenant')
      const catalog = await providerCatalog(trx)
      const connections = new Map((await listConnections(trx)).map((row) => [row.id, row]))
      const models = await modelsOfConnections(trx)
      return {
        data: models.map((model) => {
          const { models: _none, ...connection } = serializeConnection(
            connections.get(model.connection_id)!,
            catalog
          )
          return { ...serializeModel(model), connection }
        }),
      }
    }
    return { data: await usableModels(trx) }
  }

  /**
   * Merges the vendor's listing: new models arrive disabled, models already
   * here keep what the admin set, vanished ones are kept and counted. A vendor
   * that does not answer is a 200 with `ok: false`, so the failure recorded on
   * the connection is kept.
   */
  async sync(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const { trx } = ctx.tenant
    const connection = await findConnection(trx, ctx.params.id)
    if (!connection) throw new NotFoundError('Connection not found')
    const catalog = await providerCatalog(trx)
    const listing = await listConnectionModels(trx, catalog, connection)
    if (!listing.ok) return { data: { ok: false, error: listing.error } }
    const outcome = await mergeListing(trx, ctx.tenant.id, connection.id, listing.models)
    await recordChange(ctx, {
      action: 'llm.models_synced',
      subjectType: 'llm_connection',
      subjectId: connection.id,
      details: {
        name: connection.name,
        added: outcome.added,
        kept: outcome.kept,
        missing: outcome.missing,
      },
    })
    return { data: { ok: true, ...outcome } }
  }

  /** A model added by hand: for vendors that do not list theirs, or list only some. */
  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const { trx } = ctx.tenant
    const connection = await findConnection(trx, ctx.params.id)
    if (!connection) throw new NotFoundError('Connection not found')
    const input = await ctx.request.validateUsing(createModelValidator)
    if (await modelTaken(trx, connection.id, input.model)) {
      throw new UnprocessableError([
        { field: 'model', message: 'This connection already has this model', rule: 'unique' },
      ])
    }
    assertOutputFits(input.contextWindow ?? DEFAULT_CONTEXT_WINDOW, input.maxOutput, 'maxOutput')
    const model = await insertModel(trx, {
      ...input,
      tenantId: ctx.tenant.id,
      connectionId: connection.id,
    })
    await recordChange(ctx, {
      action: 'llm.model_added',
      subjectType: 'llm_model',
      subjectId: model.id,
      details: { model: model.model, displayName: model.display_name, connection: connection.name },
    })
    return ctx.response.created({ data: serializeModel(model) })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const { trx } = ctx.tenant
    const model = await this.#find(ctx)
    const input = await ctx.request.validateUsing(updateModelValidator)
    // Checked on the result, naming the field that was sent.
    assertOutputFits(
      input.contextWindow ?? model.context_window,
      input.maxOutput ?? model.max_output,
      input.maxOutput !== undefined ? 'maxOutput' : 'contextWindow'
    )
    const updated = await updateModel(trx, model.id, input)
    await recordUpdate(ctx, {
      action: 'llm.model_updated',
      subjectType: 'llm_model',
      subjectId: model.id,
      details: { model: updated.model, displayName: updated.display_name },
      changes: diffChanges(serializeModel(model), serializeModel(updated), EDITABLE),
    })
    return { data: serializeModel(updated) }
  }

  /** Removes the model; threads that used it fall back to the default model. */
  async destroy(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const model = await this.#find(ctx)
    await deleteModel(ctx.tenant.trx, model.id)
    await recordChange(ctx, {
      action: 'llm.model_deleted',
      subjectType: 'llm_model',
      subjectId: model.id,
      details: { model: model.model, displayName: model.display_name },
    })
    return ctx.response.noContent()
  }

  async #find(ctx: HttpContext): Promise<ModelRow> {
    const model = await findModel(ctx.tenant.trx, ctx.params.id)
    if (!model) throw new NotFoundError('Model not found')
    return model
  }
}

/** The answer must leave room for the prompt: max output below the context window. */
function assertOutputFits(contextWindow: number, maxOutput: number | undefined, field: string) {
  if (maxOutput === undefined || maxOutput < contextWindow) return
  throw new UnprocessableError([
    {
      field,
      message: `Max output (${maxOutput.toLocaleString('en-US')} tokens) must be smaller than the context window (${contextWindow.toLocaleString('en-US')} tokens)`,
      rule: 'belowContextWindow',
    },
  ])
}
