import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { inject } from '@adonisjs/core'
import { PluginInstallations } from '#services/plugin_installations'

/** A plugin disabled for the tenant answers 404, as if it were not installed. */
@inject()
export default class PluginEnabledMiddleware {
  constructor(private installations: PluginInstallations) {}

  async handle(ctx: HttpContext, next: NextFn, options: { plugin: string }) {
    const enabled = await this.installations.isEnabled(ctx.tenant.trx, options.plugin)
    if (!enabled) {
      return ctx.response.notFound({ errors: [{ message: 'This address does not exist' }] })
    }
    return next()
  }
}
