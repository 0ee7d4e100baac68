import type { ActionContext } from '#tenancy/action_context'
import Project from '#models/project'
import { projectRoleAtLeast, type ProjectRole } from '#auth/roles'
import { NotFoundError } from '#exceptions/domain_errors'

export interface ProjectAccess {
  project: Project
  /** The user's effective role; tenant admins are admins of every project. */
  role: ProjectRole | null
}

/**
 * Loads a project with the caller's role on it. A project the caller may not
 * see answers 404, so its existence does not leak.
 */
export async function loadProjectAccess(
  ctx: Pick<ActionContext, 'tenant'>,
  projectId: string
): Promise<ProjectAccess> {
  const { trx, user } = ctx.tenant
  const project = await Project.query({ client: trx }).where('id', projectId).first()
  if (!project) throw new NotFoundError('Project not found')

  let role: ProjectRole | null = null
  if (user.isAdmin) {
    role = 'admin'
  } else {
    const membership = await trx
      .from('project_memberships')
      .where({ project_id: project.id, user_id: user.id })
      .first()
    role = membership?.role ?? (project.isPublic ? 'viewer' : null)
  }
  if (!projectRoleAtLeast(role, 'viewer')) throw new NotFoundError('Project not found')
  return { project, role }
}
