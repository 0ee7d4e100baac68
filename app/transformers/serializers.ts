/*
| The JSON shapes the API returns: camelCase, no secrets.
*/
import type Program from '#models/program'
import type Project from '#models/project'
import type Tenant from '#models/tenant'
import type User from '#models/user'

export const serializeUser = (user: User) => ({
  id: user.id,
  email: user.email,
  fullName: user.fullName,
  role: user.role,
  isActive: user.isActive,
  lastLoginAt: user.lastLoginAt?.toISO() ?? null,
  createdAt: user.createdAt.toISO(),
})

export const serializeTenant = (tenant: Tenant) => ({
  id: tenant.id,
  name: tenant.name,
  slug: tenant.slug,
  domain: tenant.domain,
  isActive: tenant.isActive,
  maxUsers: tenant.maxUsers,
  maxStorageGb: tenant.maxStorageGb,
  monthlyTokenLimit: Number(tenant.monthlyTokenLimit),
  createdAt: tenant.createdAt.toISO(),
})

export const serializeProgram = (program: Program) => ({
  id: program.id,
  name: program.name,
  slug: program.slug,
  description: program.description,
  archivedAt: program.archivedAt?.toISO() ?? null,
  createdBy: program.createdBy,
  createdAt: program.createdAt.toISO(),
  updatedAt: program.updatedAt.toISO(),
})

export const serializeProject = (project: Project) => ({
  id: project.id,
  programId: project.programId,
  name: project.name,
  slug: project.slug,
  description: project.description,
  isPublic: project.isPublic,
  visibility: project.isPublic ? 'public' : 'private',
  archivedAt: project.archivedAt?.toISO() ?? null,
  createdBy: project.createdBy,
  createdAt: project.createdAt.toISO(),
  updatedAt: project.updatedAt.toISO(),
})

/** Lucid paginator → { data, meta } with the items mapped. */
export function paginated<T, R>(
  page: { all(): T[]; total: number; perPage: number; currentPage: number; lastPage: number },
  map: (item: T) => R
) {
  return {
    data: page.all().map(map),
    meta: {
      total: page.total,
      perPage: page.perPage,
      currentPage: page.currentPage,
      lastPage: page.lastPage,
    },
  }
}

/** Turns a name into a URL slug. */
export function slugify(name: string) {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'untitled'
  )
}
