import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import { paletteSources, type PaletteEntry } from '#plugins_core/contract'
import { onlyVisibleProjects } from '#services/project_access'

/** How many entries each group of the palette shows. */
export const PALETTE_LIMIT = 8

export interface PaletteGroup {
  id: string
  label: string
  entries: PaletteEntry[]
}

/**
 * The command palette's answer to `q`: the projects the member can see whose name (or
 * program's name) matches, then each enabled plugin's group. Groups without entries are left out.
 */
export async function searchPalette(ctx: HttpContext, q: string): Promise<PaletteGroup[]> {
  const { trx, user } = ctx.tenant
  const pattern = `%${q.replace(/[\\%_]/g, '\\$&')}%`
  const projects = await onlyVisibleProjects(trx.from('projects'), user)
    .join('programs', 'programs.id', 'projects.program_id')
    .whereNull('projects.archived_at')
    .whereNull('programs.archived_at')
    .where((query) =>
      query.whereILike('projects.name', pattern).orWhereILike('programs.name', pattern)
    )
    .select('projects.id', 'projects.name', 'programs.name as program_name')
    .orderBy('projects.name')
    .limit(PALETTE_LIMIT)
  const groups: PaletteGroup[] = [
    {
      id: 'core/projects',
      label: 'Projects',
      entries: projects.map((project) => ({
        title: project.name,
        description: project.program_name,
        href: `/app/projects/${project.id}`,
        icon: 'i-lucide-folder',
      })),
    },
  ]
  const registry = await app.container.make(PluginRegistry)
  for (const { plugin, value } of await registry.contributions(paletteSources, { tenant: trx })) {
    const entries = await value.find(ctx, q, PALETTE_LIMIT)
    groups.push({
      id: `${plugin}/${value.label}`,
      label: value.label,
      entries: entries.slice(0, PALETTE_LIMIT),
    })
  }
  return groups.filter((group) => group.entries.length > 0)
}
