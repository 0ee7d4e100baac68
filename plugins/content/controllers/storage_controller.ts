import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { diffChanges, recordUpdate } from '#services/change_log'
import { UnprocessableError } from '#exceptions/domain_errors'
import { contentCatalog } from '../services/catalog.js'
import { chooseStorage, chosenStorageKey } from '../services/storage_choice.js'

const chooseStorageValidator = vine.create(vine.object({ key: vine.string().trim().maxLength(40) }))

/** Where the workspace keeps new files: one of the storage types plugins contribute. */
export default class StorageController {
  async index({ tenant }: HttpContext) {
    const catalog = await contentCatalog(tenant.trx)
    const current = (await chosenStorageKey(tenant.trx)) ?? 'postgres'
    return {
      data: catalog.drivers.map((driver) => ({
        key: driver.key,
        label: driver.label,
        available: driver.available(),
        isDefault: driver.key === current,
      })),
    }
  }

  async choose(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const { key } = await ctx.request.validateUsing(chooseStorageValidator)
    const catalog = await contentCatalog(ctx.tenant.trx)
    const driver = catalog.storage(key)
    if (!driver || !driver.available()) {
      throw new UnprocessableError([
        {
          field: 'key',
          message: driver
            ? `"${key}" is not configured on this server`
            : `No storage type "${key}"`,
        },
      ])
    }
    const { trx, id: tenantId } = ctx.tenant
    // null until an admin first chooses: choosing the implicit default is still a choice.
    const current = await chosenStorageKey(trx)
    await chooseStorage(trx, tenantId, key)
    await recordUpdate(ctx, {
      action: 'content.storage_chosen',
      subjectType: 'tenant',
      subjectId: tenantId,
      details: { key },
      changes: diffChanges({ storage: current }, { storage: key }),
    })
    return this.index(ctx)
  }
}
