/*
| Tenant isolation over every route the router serves: tenant A's admin calls
| each route that has a path parameter, with every method, addressing tenant B's
| resources. The routes come from the router itself, so a new route is walked
| without editing this file — or fails it, when its parameters are unknown to
| tests/helpers/route_table.ts.
*/
import { test } from '@japa/runner'
import {
  fingerprint,
  idsOf,
  makeTenantWorld,
  rowsIn,
  settleEvents,
  signIn,
  type TenantWorld,
} from '#tests/helpers/tenant_world'
import {
  allRoutes,
  fillParams,
  isPage,
  pathFor,
  type FilledParam,
  type WalkedRoute,
} from '#tests/helpers/route_table'

/** A body most write validators accept, so the lookup, not validation, decides. */
const PLAUSIBLE_BODY = {
  name: 'stolen',
  title: 'stolen',
  body: 'stolen',
  description: 'stolen',
  fullName: 'Stolen Name',
  role: 'editor',
  enabled: true,
  reason: 'stolen',
}

/**
 * Justified answers other than 404. The operator API refuses a tenant's token
 * before it looks anything up (401): it is not tenant-scoped at all, and the
 * tenant id in its path belongs to the operator's world.
 */
const EXPECTED_STATUS: Array<{ pattern: RegExp; status: number }> = [
  { pattern: /^\/api\/v1\/platform\//, status: 401 },
]

/** GET routes that answer 404 even for the owner's own resource, and why. */
const OWN_GET_NOT_FOUND: Record<string, string> = {
  '/api/v1/content/items/:id/thumbnail': 'a markdown item has no thumbnail',
}

interface Call {
  method: string
  pattern: string
  path: string
  /** Which tenant-owned params hold B's ids (the others hold A's). */
  fromB: string[]
}

/** The calls for one route: all tenant params from B, then each one alone from B. */
function callsFor(
  route: WalkedRoute,
  filled: FilledParam[],
  a: TenantWorld,
  b: TenantWorld,
  neutral: Record<string, string>
): Call[] {
  const owned = filled.filter((param) => param.tenantOwned).map((param) => param.name)
  const variants = [owned, ...(owned.length > 1 ? owned.map((name) => [name]) : [])]
  return variants.map((fromB) => {
    const values: Record<string, string> = { ...neutral }
    for (const param of filled) {
      if (param.tenantOwned)
        values[param.name] = param.valueFor(fromB.includes(param.name) ? b : a)!
      else if (!(param.name in values)) values[param.name] = param.valueFor(a)!
    }
    return {
      method: route.method,
      pattern: route.pattern,
      path: pathFor(route.pattern, values),
      fromB,
    }
  })
}

/** The project tabs (plugin/slug) the project page offers, read from its Inertia props. */
function tabsIn(html: string) {
  const props = html.replaceAll('&quot;', '"').replaceAll('\\/', '/')
  return [...props.matchAll(/"key":"([a-z0-9-]+)\/([a-z0-9-]+)"/g)].map((match) => ({
    plugin: match[1],
    slug: match[2],
  }))
}

test.group('Tenant isolation over every route', () => {
  test('tenant A addressing tenant B resources gets 404 on every route and method', async ({
    client,
    assert,
  }) => {
    const a = await makeTenantWorld(client, 'alpha')
    const b = await makeTenantWorld(client, 'beta')
    const browser = await signIn(a)
    await settleEvents()
    const before = await fingerprint(b.tenantId)
    assert.isAbove(rowsIn(before), 10, 'tenant B holds too little to prove anything')

    const ownProject = await browser.page(`/app/projects/${a.projectId}`)
    assert.equal(ownProject.status, 200)
    const tabs = tabsIn(ownProject.html)
    assert.isAbove(tabs.length, 0, 'the project page lists no plugin tab')

    const unknown: string[] = []
    const neutralOnly: string[] = []
    const calls: Call[] = []
    const controls: Array<{ pattern: string; path: string }> = []
    const routes = allRoutes().filter((route) => route.params.length > 0)
    assert.isAbove(routes.length, 20)
    for (const route of routes) {
      const { filled, unknown: missing } = fillParams(route)
      if (missing.length > 0) {
        unknown.push(`${route.method} ${route.pattern} (${missing.join(', ')})`)
        continue
      }
      if (!filled.some((param) => param.tenantOwned)) {
        neutralOnly.push(`${route.method} ${route.pattern}`)
        continue
      }
      const neutralSets = route.pattern.includes('/tabs/:plugin/:slug')
        ? tabs.map((tab) => ({ plugin: tab.plugin, slug: tab.slug }))
        : [{}]
      for (const neutral of neutralSets) {
        calls.push(...callsFor(route, filled, a, b, neutral))
        if (route.method === 'GET' && !OWN_GET_NOT_FOUND[route.pattern]) {
          controls.push({
            pattern: route.pattern,
            path: callsFor(route, filled, a, a, neutral)[0].path,
          })
        }
      }
    }
    assert.deepEqual(unknown, [], 'routes whose path parameters route_table.ts cannot fill')

    // Control: the same GET routes with A's own ids answer 200, so the 404s below are
    // about the tenant, not about ids the table fills wrongly.
    const ownFailures: string[] = []
    for (const own of controls) {
      const status = isPage(own.pattern)
        ? (await browser.page(own.path)).status
        : (await client.get(own.path).bearerToken(a.token).qs({ from: 1, to: 2 })).status()
      if (status !== 200) ownFailures.push(`GET ${own.path} → ${status}`)
    }
    assert.isAbove(controls.length, 10)
    assert.deepEqual(ownFailures, [], 'A could not read its own resources')

    const failures: string[] = []
    const bIds = idsOf(b)
    for (const call of calls) {
      const { status, text } = isPage(call.pattern)
        ? await pageCall(browser, call)
        : await apiCall(client, a, call)
      const expected =
        EXPECTED_STATUS.find((rule) => rule.pattern.test(call.pattern))?.status ?? 404
      const label = `${call.method} ${call.path} [B: ${call.fromB.join(', ')}]`
      if (status !== expected) failures.push(`${label} → ${status}, expected ${expected}`)
      if (text.includes(b.marker)) failures.push(`${label} → the body holds B's data`)
      const leaked = bIds.filter((id) => text.includes(id))
      if (leaked.length > 0) failures.push(`${label} → the body holds B's ids ${leaked}`)
    }

    const walked = new Set(calls.map((call) => `${call.method} ${call.pattern}`))
    console.log(
      `route isolation: walked ${walked.size} routes with path parameters in ${calls.length} requests` +
        ` (${neutralOnly.length} routes have no tenant-owned parameter: ${neutralOnly.join(', ')})`
    )
    for (const route of [...walked].sort()) console.log(`  ${route}`)

    assert.deepEqual(failures, [])
    assert.isTrue(walked.has('GET /app/projects/:id/tabs/:plugin/:slug'), 'plugin tabs not walked')
    assert.isTrue(walked.has('GET /admin/projects/:id'), 'console pages not walked')
    assert.deepEqual(await fingerprint(b.tenantId), before, "tenant B's rows changed")
  })
})

async function pageCall(browser: Awaited<ReturnType<typeof signIn>>, call: Call) {
  if (call.method !== 'GET') throw new Error(`a page route with ${call.method}: ${call.pattern}`)
  const response = await browser.page(call.path)
  return { status: response.status, text: response.html }
}

async function apiCall(client: any, a: TenantWorld, call: Call) {
  let request = client.request(call.path, call.method).bearerToken(a.token)
  if (call.method === 'GET') request = request.qs({ from: 1, to: 2 })
  else request = request.json({ ...PLAUSIBLE_BODY, tagId: a.tagId, userId: a.memberId })
  const response = await request
  return { status: response.status() as number, text: response.text() as string }
}
