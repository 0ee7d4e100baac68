import type { HttpContext } from '@adonisjs/core/http'
import { inject } from '@adonisjs/core'
import { PluginInstallations } from '#services/plugin_installations'
import { updatePluginValidator } from '#validators/users'
import { actorOf } from '#services/audit'

/** Installed plugins and their per-tenant enablement and settings. */
@inject()
export default class PluginsController {
  constructor(private installations: PluginInstallations) {}

  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    return { data: await this.installations.list(ctx.tenant.trx) }
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const change = await ctx.request.validateUsing(updatePluginValidator)
    const result = await this.installations.update(
      ctx.tenant.trx,
      actorOf(ctx),
      ctx.params.name,
      change
    )
    return { data: result }
  }
}
