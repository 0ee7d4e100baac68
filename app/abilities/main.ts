/*
| Who may do what. Tenant roles: member < editor < admin. Project roles:
| viewer < editor < admin (tenant admins are admins of every project).
*/
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#models/user'
import { projectRoleAtLeast } from '#auth/roles'
import type { ProjectAccess } from '#services/project_access'

/** Users, plugins, audit log and tenant settings. */
export const administerTenant = Bouncer.ability((user: User) => user.isAdmin)

/** Create programs and projects. */
export const createWorkspaces = Bouncer.ability((user: User) => user.canAuthor)

/** Edit or archive a program. */
export const manageProgram = Bouncer.ability((user: User) => user.canAuthor)

export const editProject = Bouncer.ability((_user: User, access: ProjectAccess) =>
  projectRoleAtLeast(access.role, 'editor')
)

/** Memberships, archive, delete. */
export const manageProject = Bouncer.ability((_user: User, access: ProjectAccess) =>
  projectRoleAtLeast(access.role, 'admin')
)
