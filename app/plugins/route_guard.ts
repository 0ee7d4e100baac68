/*
| Plugin routes must not shadow the core's: a plugin answering
| `GET /api/v1/projects/:id` would take that route from the core (or from
| another plugin) silently. The ledger records every route the router
| creates, so mounting plugins can compare theirs with all the others.
*/
import type { Router } from '@adonisjs/core/http'
import { PluginLoadError } from './errors.js'

type Route = ReturnType<Router['route']>

export interface RouteLedger {
  routes: Route[]
}

/**
 * Starts recording the routes `router` creates: get, post, ..., any all go
 * through route(); resource() builds its routes itself.
 */
export function recordRoutes(router: Router): RouteLedger {
  const ledger: RouteLedger = { routes: [] }
  const define = router.route.bind(router)
  router.route = ((...args: Parameters<Router['route']>) => {
    const route = define(...args)
    ledger.routes.push(route)
    return route
  }) as Router['route']
  const defineResource = router.resource.bind(router)
  router.resource = ((...args: Parameters<Router['resource']>) => {
    const resource = defineResource(...args)
    ledger.routes.push(...resource.routes)
    return resource
  }) as Router['resource']
  return ledger
}

/** `/projects/:id` and `/projects/:projectId?` match the same requests. */
const normalize = (pattern: string) => pattern.replace(/:[^/]+/g, ':').replace(/\/+$/, '') || '/'

/**
 * Fails naming the plugin whose route matches the method and path of a route
 * of another owner (the core when a route is not in `owners`).
 */
export function assertNoShadowedRoutes(routes: Route[], owners: Map<object, string>) {
  const seen = new Map<string, string>()
  // The core's routes first, so the message blames the plugin.
  const ordered = [...routes].sort((a, b) => Number(owners.has(a)) - Number(owners.has(b)))
  for (const route of ordered) {
    // e.g. resource routes left out with .only() / .except()
    if (route.isDeleted()) continue
    const owner = owners.get(route) ?? 'core'
    const { pattern, methods, domain } = route.toJSON()
    for (const method of methods) {
      const key = `${domain} ${method} ${normalize(pattern)}`
      const other = seen.get(key)
      if (other && other !== owner) {
        throw new PluginLoadError(
          owner,
          `route ${method} ${pattern} shadows a route of ${other === 'core' ? 'the core' : `plugin "${other}"`}`
        )
      }
      seen.set(key, owner)
    }
  }
}
