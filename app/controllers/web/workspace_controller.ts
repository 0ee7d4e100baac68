import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { loadProjectAccess } from '#services/project_access'
import { listProjectMembers } from '#services/queries/members'
import { PluginRegistry } from '#plugins_core/registry'
import { serializeProject } from '#transformers/serializers'
import Program from '#models/program'
import { projectTabs, type PluginView } from '#plugins_core/contract'

type OwnedView = PluginView & { plugin: string }

/** The members' workspace: programs → projects, a project's home and its plugin tabs. */
export default class WorkspaceController {
  async home(ctx: HttpContext) {
    return ctx.inertia.render('app/home', { canCreate: ctx.tenant.user.canAuthor })
  }

  async project(ctx: HttpContext) {
    const { trx } = ctx.tenant
    const { project, role } = await loadProjectAccess(ctx, ctx.params.id)
    const members = await listProjectMembers(trx, project.id)
    // Its own program by id, not through visibility: a visible project's program is shown.
    const program = await Program.find(project.programId, { client: trx })
    return ctx.inertia.render('app/project', {
      project: { ...serializeProject(project), myRole: role },
      program: { id: program!.id, name: program!.name },
      members,
      tabs: await this.#tabs(ctx),
      activeTab: null,
    })
  }

  /** A plugin's tab on a project: the plugin supplies the content, the core renders it. */
  async projectTab(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.id)
    const views = await this.#enabledViews(ctx)
    const tabs = views.map(toTab)
    const view = views.find(
      (candidate) => candidate.plugin === ctx.params.plugin && candidate.slug === ctx.params.slug
    )
    if (!view) return ctx.response.notFound()
    const content = view.load ? await view.load(ctx, { projectId: access.project.id }) : {}
    const shell = {
      project: { ...serializeProject(access.project), myRole: access.role },
      tabs,
      activeTab: `${view.plugin}/${view.slug}`,
    }
    if (view.component) {
      // A plugin page: its name is only known at run time.
      return ctx.inertia.render(
        view.component as 'app/project_tab',
        { ...shell, ...content } as any
      )
    }
    return ctx.inertia.render('app/project_tab', {
      ...shell,
      view: { title: view.title, ...content },
    })
  }

  /** The tabs of the plugins this tenant has enabled. */
  async #enabledViews(ctx: HttpContext): Promise<OwnedView[]> {
    const registry = await app.container.make(PluginRegistry)
    const tabs = await registry.contributions(projectTabs, { tenant: ctx.tenant.trx })
    return tabs.map(({ plugin, value }) => ({ ...value, plugin }))
  }

  async #tabs(ctx: HttpContext) {
    const views = await this.#enabledViews(ctx)
    return views.map(toTab)
  }
}

const toTab = (view: OwnedView) => ({ key: `${view.plugin}/${view.slug}`, title: view.title })
