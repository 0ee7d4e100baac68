/*
| The application's routes as the router holds them, and how to fill each path
| parameter with the id of a given tenant's resource. Tests walk this table, so
| a new route is covered without editing them — or makes them fail, loudly,
| when its parameters are unknown here.
*/
import router from '@adonisjs/core/services/router'
import type { TenantWorld } from '#tests/helpers/tenant_world'

export interface WalkedRoute {
  method: string
  pattern: string
  params: string[]
}

/** Every (method, pattern) the router serves, HEAD aside (GET's twin). */
export function allRoutes(): WalkedRoute[] {
  const routes: WalkedRoute[] = []
  for (const domainRoutes of Object.values(router.toJSON())) {
    for (const route of domainRoutes) {
      for (const method of route.methods) {
        if (method === 'HEAD') continue
        routes.push({ method, pattern: route.pattern, params: paramsOf(route.pattern) })
      }
    }
  }
  return routes
}

export function paramsOf(pattern: string) {
  const params = [...pattern.matchAll(/:([A-Za-z_]\w*)\??/g)].map((match) => match[1])
  if (pattern.includes('*')) params.push('*')
  return params
}

type Resolve = (world: TenantWorld) => string

/**
 * Parameters that address a tenant's own resource, by route pattern and name.
 * The first rule whose pattern matches wins.
 */
const TENANT_PARAMS: Array<{ pattern: RegExp; param: string; value: Resolve }> = [
  { pattern: /\/programs\/:id(\/|$)/, param: 'id', value: (w) => w.programId },
  { pattern: /\/projects\/:id(\/|$)/, param: 'id', value: (w) => w.projectId },
  { pattern: /\/users\/:id(\/|$)/, param: 'id', value: (w) => w.memberId },
  { pattern: /\/me\/tokens\/:id(\/|$)/, param: 'id', value: (w) => w.accessTokenId },
  { pattern: /\/content\/items\/:id(\/|$)/, param: 'id', value: (w) => w.itemId },
  { pattern: /\/content\/tags\/:id(\/|$)/, param: 'id', value: (w) => w.tagId },
  { pattern: /\/evaluations\/jobs\/:id(\/|$)/, param: 'id', value: (w) => w.evaluationJobId },
  { pattern: /\/platform\/tenants\/:id(\/|$)/, param: 'id', value: (w) => w.tenantId },
  { pattern: /\/threads\/connections\/:id(\/|$)/, param: 'id', value: (w) => w.connectionId },
  { pattern: /\/threads\/models\/:id(\/|$)/, param: 'id', value: (w) => w.modelId },
  { pattern: /\/api\/v1\/threads\/:id(\/|$)/, param: 'id', value: (w) => w.threadId },
  { pattern: /\/api\/v1\/threads\//, param: 'otherId', value: (w) => w.threadId },
  { pattern: /\/api\/v1\/threads\//, param: 'itemId', value: (w) => w.itemId },
  { pattern: /./, param: 'messageId', value: (w) => w.messageId },
  { pattern: /./, param: 'projectId', value: (w) => w.projectId },
  { pattern: /./, param: 'userId', value: (w) => w.memberId },
  { pattern: /./, param: 'tagId', value: (w) => w.tagId },
]

/**
 * Parameters that name no tenant's resource: the same for every tenant.
 * `null` means "the test enumerates the values itself" (plugin tabs).
 */
const NEUTRAL_PARAMS: Array<{ pattern: RegExp; param: string; value: string | null }> = [
  // A version number is only meaningful inside its item, which is tenant-addressed.
  { pattern: /\/versions\/:version(\/|$)/, param: 'version', value: '1' },
  // Plugin tabs of a project: enumerated from the tabs the project page offers.
  { pattern: /\/tabs\/:plugin\/:slug$/, param: 'plugin', value: null },
  { pattern: /\/tabs\/:plugin\/:slug$/, param: 'slug', value: null },
  // Plugin names and console page slugs are installation-wide, not tenant data.
  { pattern: /\/plugins\/:name$/, param: 'name', value: 'content' },
  { pattern: /\/ext\/:plugin\/:slug$/, param: 'plugin', value: 'content' },
  { pattern: /\/ext\/:plugin\/:slug$/, param: 'slug', value: 'evaluations' },
]

export interface FilledParam {
  name: string
  tenantOwned: boolean
  /** For tenant-owned params: the id in the given world; for neutral ones: the fixed value. */
  valueFor: (world: TenantWorld) => string | null
}

/** How to fill each parameter of a route, or the names it cannot fill. */
export function fillParams(route: WalkedRoute): { filled: FilledParam[]; unknown: string[] } {
  const filled: FilledParam[] = []
  const unknown: string[] = []
  for (const name of route.params) {
    const owned = TENANT_PARAMS.find(
      (rule) => rule.param === name && rule.pattern.test(route.pattern)
    )
    if (owned) {
      filled.push({ name, tenantOwned: true, valueFor: owned.value })
      continue
    }
    const neutral = NEUTRAL_PARAMS.find(
      (rule) => rule.param === name && rule.pattern.test(route.pattern)
    )
    if (neutral) {
      filled.push({ name, tenantOwned: false, valueFor: () => neutral.value })
      continue
    }
    unknown.push(name)
  }
  return { filled, unknown }
}

/** The pattern with its parameters replaced. */
export function pathFor(pattern: string, values: Record<string, string>) {
  return pattern.replace(/:([A-Za-z_]\w*)\??/g, (_, name: string) =>
    encodeURIComponent(values[name])
  )
}

/** Routes served as pages (session cookie) rather than the JSON API (bearer token). */
export function isPage(pattern: string) {
  return !pattern.startsWith('/api/') && !pattern.startsWith('/__transmit')
}
