import type { HttpContext } from '@adonisjs/core/http'
import { updateTenantValidator } from '#validators/tenant'
import { tenantBranding } from '#services/tenant_settings'
import { tenantLimitsWithUsage } from '#services/tenant_usage'
import { diffChanges, recordUpdate } from '#services/change_log'

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
    const before = { name: tenant.name, branding: tenantBranding(tenant) }
    if (input.name) tenant.name = input.name
    if (input.branding) tenant.theme = { ...tenant.theme, ...input.branding }
    await tenant.save()
    await recordUpdate(ctx, {
      action: 'tenant.settings_updated',
      subjectType: 'tenant',
      subjectId: tenant.id,
      changes: diffChanges(before, { name: tenant.name, branding: tenantBranding(tenant) }),
    })
    return this.show(ctx)
  }
}
