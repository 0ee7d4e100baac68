import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Tenant from '#models/tenant'
import { withRequestTenant } from '#tenancy/with_tenant'
import { renderPagesAfterCommit } from '#tenancy/render_after_commit'
import { PluginInstallations } from '#services/plugin_installations'
import '#tenancy/tenant_context'

/**
 * Wraps an authenticated request in one transaction bound to the user's tenant:
 * every query the handler makes sees only that tenant's rows, and a failure
 * anywhere — any answer of 400 or above — rolls back every table it wrote. The transaction commits before a
 * page is server-rendered, and after-commit effects (storage deletes) run then.
 */
export default class TenantContextMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    const renderPending = renderPagesAfterCommit(ctx)
    try {
      await withRequestTenant(user.tenantId, async (trx) => {
        const tenant = await Tenant.query({ client: trx }).where('id', user.tenantId).firstOrFail()
        ctx.tenant = {
          id: tenant.id,
          name: tenant.name,
          slug: tenant.slug,
          model: tenant,
          user,
          trx,
        }
        const installations = await ctx.containerResolver.make(PluginInstallations)
        ctx.pluginSettings = (name) => installations.settingsFor(trx, name)
        await next()
        // The router answers a handler's exception inside the route pipeline, so
        // next() resolves even when the handler failed: the status tells.
        if (ctx.response.getStatus() >= 400) throw new FailedRequest()
      })
    } catch (error) {
      if (!(error instanceof FailedRequest)) throw error
    }
    await renderPending()
  }
}

/** Rolls the request's transaction back: a refused or failed request writes nothing. */
class FailedRequest extends Error {}
