import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import { PluginInstallations } from '#services/plugin_installations'
import { consolePages } from '#plugins_core/contract'

/** Plugins in the console: the list, one plugin's settings form, and pages plugins contribute. */
export default class AdminPluginPagesController {
  async index(ctx: HttpContext) {
    const installations = await app.container.make(PluginInstallations)
    return ctx.inertia.render('admin/plugins', {
      plugins: await installations.list(ctx.tenant.trx),
    })
  }

  async show(ctx: HttpContext) {
    const registry = await app.container.make(PluginRegistry)
    const installations = await app.container.make(PluginInstallations)
    const plugin = registry.find(ctx.params.name)
    if (!plugin) return ctx.response.notFound()
    const listed = await installations.list(ctx.tenant.trx)
    const installed = listed.find((entry) => entry.name === plugin.name)!
    return ctx.inertia.render('admin/plugin', {
      plugin: installed,
      // The settings form is generated from the plugin's VineJS schema (choices filled in).
      settingsSchema: installed.settingsSchema as Record<string, any> | null,
    })
  }

  /** A page a plugin contributed to `console.pages`, rendered by the core. */
  async page(ctx: HttpContext) {
    const registry = await app.container.make(PluginRegistry)
    // Only pages of plugins this tenant has enabled.
    const pages = await registry.contributions(consolePages, { tenant: ctx.tenant.trx })
    const view = pages.find(
      ({ plugin, value }) => plugin === ctx.params.plugin && value.slug === ctx.params.slug
    )?.value
    if (!view) return ctx.response.notFound()
    const content = view.load ? await view.load(ctx, {}) : {}
    if (view.component) {
      // A plugin page: its name is only known at run time.
      return ctx.inertia.render(
        view.component as 'admin/plugin_page',
        { ...content, title: view.title } as any
      )
    }
    return ctx.inertia.render('admin/plugin_page', { view: { title: view.title, ...content } })
  }
}
