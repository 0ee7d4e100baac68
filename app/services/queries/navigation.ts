import type User from '#models/user'
import type { TenantTransaction } from '#tenancy/with_tenant'

export interface NavProgram {
  id: string
  name: string
  projects: { id: string; name: string }[]
}

/** Programs → projects the user can see, for the workspace's side navigation. */
export async function workspaceNavigation(
  trx: TenantTransaction,
  user: User
): Promise<NavProgram[]> {
  const projects = trx
    .from('projects')
    .whereNull('archived_at')
    .select('id', 'name', 'program_id')
    .orderBy('name')
  if (!user.isAdmin) {
    projects.where((visible) =>
      visible
        .where('is_public', true)
        .orWhereIn('id', (members) =>
          members.from('project_memberships').select('project_id').where('user_id', user.id)
        )
    )
  }
  const programs = await trx
    .from('programs')
    .whereNull('archived_at')
    .select('id', 'name')
    .orderBy('name')
  const byProgram = new Map<string, NavProgram>(
    programs.map((program) => [program.id, { id: program.id, name: program.name, projects: [] }])
  )
  for (const project of await projects) {
    byProgram.get(project.program_id)?.projects.push({ id: project.id, name: project.name })
  }
  // Members see a program only when it holds a project of theirs.
  return [...byProgram.values()].filter((program) => user.canAuthor || program.projects.length > 0)
}
