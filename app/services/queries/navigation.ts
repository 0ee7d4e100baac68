import type User from '#models/user'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { onlyVisiblePrograms, onlyVisibleProjects } from '#services/project_access'

export type NavProgram = {
  id: string
  name: string
  projects: { id: string; name: string }[]
}

/**
 * Programs → projects the user can see, for the workspace's side navigation:
 * the same visibility rules as the API (#services/project_access), minus what
 * is archived.
 */
export async function workspaceNavigation(
  trx: TenantTransaction,
  user: User
): Promise<NavProgram[]> {
  const projects = await onlyVisibleProjects(trx.from('projects'), user)
    .whereNull('archived_at')
    .select('id', 'name', 'program_id')
    .orderBy('name')
  const programs = await onlyVisiblePrograms(trx.from('programs'), user)
    .whereNull('archived_at')
    .select('id', 'name')
    .orderBy('name')
  const byProgram = new Map<string, NavProgram>(
    programs.map((program) => [program.id, { id: program.id, name: program.name, projects: [] }])
  )
  for (const project of projects) {
    byProgram.get(project.program_id)?.projects.push({ id: project.id, name: project.name })
  }
  return [...byProgram.values()]
}
