import type { ChainableContract } from '@adonisjs/lucid/types/querybuilder'
import type { ActionContext } from '#tenancy/action_context'
import Project from '#models/project'
import type User from '#models/user'
import { projectRoleAtLeast, type ProjectRole } from '#auth/roles'
import { NotFoundError } from '#exceptions/domain_errors'
import { membershipOf } from '#services/queries/members'

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
    const membership = await membershipOf(trx, project.id, user.id)
    role = membership?.role ?? (project.isPublic ? 'viewer' : null)
  }
  if (!projectRoleAtLeast(role, 'viewer')) throw new NotFoundError('Project not found')
  return { project, role }
}

/*
| Who sees what, as query scopes: every list of projects or programs (API,
| navigation, plugins) narrows through these two, so they cannot disagree.
*/

/**
 * Narrows a query over `projects` to those the user may see: every project for
 * tenant admins; otherwise public projects and the user's memberships.
 */
export function onlyVisibleProjects<Query extends ChainableContract>(
  query: Query,
  user: User,
  projectId = 'projects.id'
): Query {
  if (user.isAdmin) return query
  return query.where((visible) =>
    visible
      .where('projects.is_public', true)
      .orWhereIn(projectId, (members) =>
        members.from('project_memberships').select('project_id').where('user_id', user.id)
      )
  )
}

/**
 * Narrows a query over `programs` to those the user may see: every program for
 * those who may create projects in it (editors and admins); members see a
 * program only when it holds a project they may see.
 */
export function onlyVisiblePrograms<Query extends ChainableContract>(
  query: Query,
  user: User
): Query {
  if (user.canAuthor) return query
  return query.whereExists((projects) =>
    onlyVisibleProjects(
      projects.from('projects').select(1).whereColumn('projects.program_id', 'programs.id'),
      user
    )
  )
}
