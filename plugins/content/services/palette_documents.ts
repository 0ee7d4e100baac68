import type { HttpContext } from '@adonisjs/core/http'
import type { PaletteSource } from '#plugins_core/contract'
import { visibleProjectIds } from '#services/queries/projects'
import { fuzzyTitleSearch, type SearchHit } from './search_service.js'

const TYPE_ICONS: Record<string, string> = {
  pdf: 'i-lucide-file-text',
  image: 'i-lucide-image',
  code: 'i-lucide-file-code',
}

/** The command palette's "Documents": items whose title is like what was typed, opened in the library. */
export const paletteDocuments: PaletteSource = {
  label: 'Documents',
  async find(ctx: HttpContext, q: string, limit: number) {
    const { trx, user } = ctx.tenant
    // null: an admin, who sees every project
    const projectIds = await visibleProjectIds(trx, user)
    if (projectIds?.length === 0) return []
    const hits: SearchHit[] = await fuzzyTitleSearch(trx, q, { projectIds }, limit)
    const hitProjects: string[] = [...new Set(hits.map((hit) => hit.projectId))]
    const projects: { id: string; name: string }[] = await trx
      .from('projects')
      .whereIn('id', hitProjects)
      .select('id', 'name')
    const names = new Map(projects.map((project) => [project.id, project.name]))
    return hits.map((hit: SearchHit) => ({
      title: hit.title,
      description: names.get(hit.projectId),
      href: `/app/projects/${hit.projectId}/tabs/content/library?item=${hit.itemId}`,
      icon: TYPE_ICONS[hit.contentType] ?? 'i-lucide-file',
    }))
  },
}
