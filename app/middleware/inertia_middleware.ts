import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import BaseInertiaMiddleware from '@adonisjs/inertia/inertia_middleware'
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import { tenantBranding } from '#services/tenant_settings'
import { consolePages } from '#plugins_core/contract'
import { workspaceNavigation } from '#services/queries/navigation'
import { brandStylesheet } from '#services/brand_theme'
import { colorModeOf } from '#services/color_mode'

/**
 * Props every page receives: who is signed in, the tenant and its branding, the shell's
 * programs → projects, plugin links and the colour mode.
 */
export default class InertiaMiddleware extends BaseInertiaMiddleware {
  async share(ctx: HttpContext) {
    // A page can render before authentication ran (e.g. a 404), so nothing here is assumed.
    const { tenant } = ctx as Partial<HttpContext>
    const user = tenant?.user
    const consoleLinks: { title: string; path: string }[] = []
    if (tenant && user?.isAdmin) {
      const registry = await app.container.make(PluginRegistry)
      const pages = await registry.contributions(consolePages, { tenant: tenant.trx })
      for (const { plugin, value } of pages) {
        consoleLinks.push({ title: value.title, path: `/admin/ext/${plugin}/${value.slug}` })
      }
    }
    const branding = tenant ? tenantBranding(tenant.model) : null
    const brandCss = branding ? brandStylesheet(branding) : null
    const colorMode = colorModeOf(ctx)
    // The root template puts these on <html> and in <head>: the first paint has the theme.
    ctx.view.share({ colorMode, brandCss })
    return {
      auth: ctx.inertia.always(
        user ? { id: user.id, fullName: user.fullName, email: user.email, role: user.role } : null
      ),
      tenant: ctx.inertia.always(
        tenant ? { name: tenant.name, slug: tenant.slug, branding: branding! } : null
      ),
      navigation: ctx.inertia.always(
        tenant && user ? await workspaceNavigation(tenant.trx, user) : []
      ),
      colorMode: ctx.inertia.always(colorMode),
      // Again as a prop: a page reached without a full load (after signing in) applies it itself.
      brandCss: ctx.inertia.always(brandCss),
      consoleLinks: ctx.inertia.always(consoleLinks),
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    await this.init(ctx)
    const output = await next()
    this.dispose(ctx)
    return output
  }
}

declare module '@adonisjs/inertia/types' {
  type MiddlewareSharedProps = InferSharedProps<InertiaMiddleware>
  export interface SharedProps extends MiddlewareSharedProps {}
}
