import type { HttpContext } from '@adonisjs/core/http'
import { updateTenantValidator } from '#validators/tenant'
import { tenantBranding } from '#services/tenant_settings'
import { tenantLimitsWithUsage } from '#services/tenant_usage'
import { recordChange } from '#services/change_log'

/** The current tenant's settings: name and branding; limits are the operator's. */
export default class TenantController {
  async show(ctx: HttpContext) {
    const { model, trx } = ctx.tenant
    return {
      data: {
        id: model.id,
        name: model.name,
        slug: model.slug,
        domain: model.domain,
        branding: tenantBranding(model),
        limits: await tenantLimitsWithUsage(trx, model),
      },
    }
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const input = await ctx.request.validateUsing(updateTenantValidator)
    const tenant = ctx.tenant.model
    tenant.useTransaction(ctx.tenant.trx)
    if (input.name) tenant.name = input.name
    if (input.branding) tenant.theme = { ...tenant.theme, ...input.branding }
    const changes = { ...tenant.$dirty }
    await tenant.save()
    await recordChange(ctx, {
      action: 'tenant.settings_updated',
      subjectType: 'tenant',
      subjectId: tenant.id,
      details: { changed: Object.keys(changes), branding: input.branding ?? null },
    })
    return this.show(ctx)
  }
}
