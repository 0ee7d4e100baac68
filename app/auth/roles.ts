export const TENANT_ROLES = ['member', 'editor', 'admin'] as const
export type TenantRole = (typeof TENANT_ROLES)[number]

export const PROJECT_ROLES = ['viewer', 'editor', 'admin'] as const
export type ProjectRole = (typeof PROJECT_ROLES)[number]

const projectRank: Record<ProjectRole, number> = { viewer: 1, editor: 2, admin: 3 }

/** True when `role` grants at least what `needed` grants. */
export function projectRoleAtLeast(role: ProjectRole | null, needed: ProjectRole) {
  return role !== null && projectRank[role] >= projectRank[needed]
}
