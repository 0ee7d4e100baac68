/*
| Bad input never answers 5xx: text PostgreSQL cannot store (NUL, unpaired
| surrogates) is refused with a 422 naming the field wherever it hides in the
| request, and a PostgreSQL data error that slips through is a 422 too.
*/
import { test } from '@japa/runner'
import net from 'node:net'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import HttpExceptionHandler from '#exceptions/handler'
import { BrowserSession } from '#tests/helpers/browser_session'
import { makeTenant } from '#tests/helpers/tenants'
import {
  fingerprint,
  makeTenantWorld,
  rowsIn,
  settleEvents,
  signIn,
} from '#tests/helpers/tenant_world'
import {
  allRoutes,
  fillParams,
  isPage,
  pathFor,
  type WalkedRoute,
} from '#tests/helpers/route_table'

const base = () => `http://${env.get('HOST')}:${env.get('PORT')}`
const fields = (response: any) => response.body().errors.map((error: any) => error.field)

/** Sends bytes as they are: no HTTP client would send some of these requests. */
function rawRequest(request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(env.get('PORT')), env.get('HOST'))
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')))
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
    socket.end(request)
  })
}

const statusOf = (answer: string) => Number(answer.match(/^HTTP\/1\.1 (\d{3})/)?.[1])

test.group('Text PostgreSQL cannot store', () => {
  test('a NUL or a lone surrogate in a (nested) JSON field: 422 naming it, nothing written', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('nul')
    const before = await fingerprint(tenant.id)
    assert.isAbove(rowsIn(before), 0)

    const nul = await client
      .post('/api/v1/programs')
      .bearerToken(token)
      .json({ name: 'Fine', description: 'a\u0000b' })
    nul.assertStatus(422)
    assert.deepEqual(fields(nul), ['description'])
    assert.include(nul.body().errors[0].message, 'NUL')

    // "\ud800" is valid JSON, but not Unicode.
    const surrogate = await fetch(`${base()}/api/v1/programs`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"name":"Fine","description":"x\\ud800y"}',
    })
    assert.equal(surrogate.status, 422)
    const body = (await surrogate.json()) as any
    assert.deepEqual(
      body.errors.map((error: any) => error.field),
      ['description']
    )
    assert.include(body.errors[0].message, 'surrogate')

    const nested = await client
      .put('/api/v1/plugins/content')
      .bearerToken(token)
      .json({ settings: { deep: [{ list: ['ok', 'bad\u0000'] }] } })
    nested.assertStatus(422)
    assert.deepEqual(fields(nested), ['settings.deep.0.list.1'])

    const inKey = await client
      .post('/api/v1/programs')
      .bearerToken(token)
      .json({ 'name': 'Fine', 'bad\u0000key': 1 })
    inKey.assertStatus(422)
    assert.include(inKey.body().errors[0].message, 'name of the field')

    assert.deepEqual(await fingerprint(tenant.id), before)
  })

  test('in the query string and a path parameter: 422 naming it', async ({ client, assert }) => {
    const { token } = await makeTenant('query')
    const query = await client.get('/api/v1/programs?archived=%00').bearerToken(token)
    query.assertStatus(422)
    assert.deepEqual(fields(query), ['query.archived'])

    const search = await client.get('/api/v1/search?q=a%00b').bearerToken(token)
    search.assertStatus(422)
    assert.deepEqual(fields(search), ['query.q'])

    // A lone surrogate cannot be percent-encoded as UTF-8: the bytes of one stay
    // undecoded text — refused like any unknown value, or searched for as typed.
    for (const path of [
      '/api/v1/programs?archived=%ED%A0%80',
      '/api/v1/search?q=%ED%A0%80',
      '/api/v1/users/%ED%A0%80',
      '/admin/plugins/%ED%A0%80',
    ]) {
      const response = await client.get(path).bearerToken(token)
      assert.isBelow(response.status(), 500, path)
    }

    const param = await client.put('/api/v1/plugins/a%00b').bearerToken(token).json({})
    assert.oneOf(param.status(), [404, 422])
    if (param.status() === 422) assert.deepEqual(fields(param), ['params.name'])
  })

  test('in a header: refused before it reaches the application', async ({ assert }) => {
    // Node's HTTP parser refuses a NUL in a header itself; surrogates cannot be
    // written in a header's bytes. The guard checks headers anyway.
    const answer = await rawRequest(
      Buffer.concat([
        Buffer.from('GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Evil: a'),
        Buffer.from([0]),
        Buffer.from('b\r\nConnection: close\r\n\r\n'),
      ])
    )
    const status = statusOf(answer)
    assert.isAtLeast(status, 400)
    assert.isBelow(status, 500)
  })

  test('in an uploaded file name: 422 naming the field', async ({ client, assert }) => {
    const { tenant, token } = await makeTenant('upload')
    const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'P' })
    const project = await client
      .post('/api/v1/projects')
      .bearerToken(token)
      .json({ programId: program.body().data.id, name: 'P' })
    const before = await fingerprint(tenant.id)
    const boundary = 'x-boundary-x'
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="projectId"\r\n\r\n${project.body().data.id}\r\n`
      ),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a`),
      Buffer.from([0]),
      Buffer.from(`.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`),
    ])
    const response = await fetch(`${base()}/api/v1/content/uploads`, {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
    })
    assert.equal(response.status, 422)
    const answer = (await response.json()) as any
    assert.deepEqual(
      answer.errors.map((error: any) => error.field),
      ['file']
    )
    assert.deepEqual(await fingerprint(tenant.id), before)
  })
})

test.group('PostgreSQL data errors', () => {
  test('22001, 22021 from PostgreSQL are answered 422 by the error handler, not 500', async ({
    assert,
  }) => {
    const errors: unknown[] = []
    await db
      .transaction(async (trx) => {
        await trx.rawQuery('create temporary table bad_input_probe (v varchar(2)) on commit drop')
        await trx.rawQuery("insert into bad_input_probe values ('abc')")
      })
      .catch((error) => errors.push(error))
    await db.rawQuery('select ?::text as v', ['a\u0000b']).catch((error) => errors.push(error))
    assert.deepEqual(
      errors.map((error: any) => error.code),
      ['22001', '22021']
    )

    const handler = new HttpExceptionHandler()
    for (const error of errors) {
      const ctx = await testUtils.createHttpContext()
      await handler.handle(error, ctx)
      assert.equal(ctx.response.getStatus(), 422, (error as Error).message)
    }
    const other = await testUtils.createHttpContext()
    await handler.handle(new Error('a bug'), other)
    assert.equal(other.response.getStatus(), 500)
  })
})

/**
 * Write routes that read no body: a junk body is ignored and the change is made,
 * which is right. They still get the classes the input guard refuses on any route.
 */
const BODYLESS = [
  /\/archive$/,
  /\/unarchive$/,
  /\/deactivate$/,
  /\/activate$/,
  /\/reactivate$/,
  /\/restore$/,
  /^\/api\/v1\/auth\/logout$/,
  /^\/api\/v1\/platform\/session$/,
  // Actions whose body is wholly optional (a model to use, a draft to measure).
  /^\/api\/v1\/threads\/connections\/:id\/(test|sync)$/,
  /^\/api\/v1\/threads\/messages\/:messageId\/(regenerate|fork|abort)$/,
  /^\/api\/v1\/threads\/:id\/preview$/,
]
const readsNoBody = (route: WalkedRoute) =>
  route.method === 'DELETE' || BODYLESS.some((pattern) => pattern.test(route.pattern))

const FIELDS = ['name', 'title', 'body', 'description', 'fullName', 'email', 'password', 'key']
const withEvery = (value: unknown) => Object.fromEntries(FIELDS.map((field) => [field, value]))

interface BadRequest {
  kind: string
  query?: string
  json?: string
  /** For bodyless routes only the kinds every route refuses are sent. */
  anyRoute: boolean
}

const BAD_REQUESTS: BadRequest[] = [
  { kind: 'NUL in the body', json: JSON.stringify(withEvery('a\u0000b')), anyRoute: true },
  {
    kind: 'lone surrogate in the body',
    json: `{"name":"a\\ud800b","settings":{"nested":["\\udfff"]}}`,
    anyRoute: true,
  },
  { kind: 'NUL in the query', query: 'note=a%00b', json: '{}', anyRoute: true },
  {
    kind: 'over-long strings',
    json: JSON.stringify(withEvery('x'.repeat(70_000))),
    anyRoute: false,
  },
  { kind: 'empty body', json: '{}', anyRoute: false },
  { kind: 'array body', json: '[{"name":"x"}]', anyRoute: false },
]

test.group('Every write route refuses bad input', () => {
  test('NUL, lone surrogates, over-long strings, empty and array bodies: 4xx, nothing written', async ({
    client,
    assert,
  }) => {
    const world = await makeTenantWorld(client, 'writer')
    await settleEvents()
    const before = await fingerprint(world.tenantId)
    assert.isAbove(rowsIn(before), 10)

    const routes = allRoutes().filter((route) => route.method !== 'GET')
    assert.isAbove(routes.length, 30)
    const unknown: string[] = []
    const failures: string[] = []
    let sent = 0
    for (const route of routes) {
      const { filled, unknown: missing } = fillParams(route)
      if (missing.length > 0) {
        unknown.push(`${route.method} ${route.pattern} (${missing.join(', ')})`)
        continue
      }
      const values = Object.fromEntries(
        filled.map((param) => [param.name, param.valueFor(world) ?? 'library'])
      )
      if ('plugin' in values && route.pattern.includes('/tabs/')) values.plugin = 'content'
      const path = pathFor(route.pattern, values)
      // The operator API answers 401 to a tenant's token before reading anything.
      const token = route.pattern.startsWith('/api/v1/platform/tenants')
        ? env.get('OPERATOR_TOKEN')!
        : world.token

      for (const bad of BAD_REQUESTS) {
        if (!bad.anyRoute && readsNoBody(route)) continue
        sent++
        const response = await fetch(`${base()}${path}${bad.query ? `?${bad.query}` : ''}`, {
          method: route.method,
          headers: {
            'authorization': `Bearer ${token}`,
            'accept': 'application/json',
            'content-type': 'application/json',
          },
          body: bad.json,
        })
        const label = `${route.method} ${path} with ${bad.kind}`
        if (response.status < 400 || response.status >= 500) {
          failures.push(`${label} → ${response.status} ${(await response.text()).slice(0, 200)}`)
        } else if (bad.anyRoute && response.status !== 422) {
          failures.push(`${label} → ${response.status}, expected 422 from the input guard`)
        }
        const after = await fingerprint(world.tenantId)
        const changed = Object.keys(before).filter((table) => before[table] !== after[table])
        if (changed.length > 0) {
          failures.push(`${label} changed ${changed.join(', ')}`)
          Object.assign(before, after)
        }
      }

      const header = await rawRequest(
        Buffer.concat([
          Buffer.from(`${route.method} ${path} HTTP/1.1\r\nHost: x\r\n`),
          Buffer.from(`Authorization: Bearer ${token}\r\nX-Note: a`),
          Buffer.from([0]),
          Buffer.from('b\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
        ])
      )
      sent++
      const status = statusOf(header)
      if (!(status >= 400 && status < 500))
        failures.push(`${route.method} ${path} NUL header → ${status}`)
    }
    assert.deepEqual(unknown, [], 'routes whose path parameters route_table.ts cannot fill')
    console.log(`bad input: ${sent} bad requests to ${routes.length} write routes`)
    assert.deepEqual(failures, [])
  })
})

test.group('Nothing to change, incomplete subscriptions', () => {
  test('a PATCH with no known field is a 422 "nothing to change", not an empty update', async ({
    client,
    assert,
  }) => {
    const world = await makeTenantWorld(client, 'patch')
    const before = await fingerprint(world.tenantId)
    for (const body of [{}, [], { unknownField: 'x' }]) {
      const response = await client
        .patch(`/api/v1/content/tags/${world.tagId}`)
        .bearerToken(world.token)
        .json(body)
      response.assertStatus(422)
      assert.deepEqual(fields(response), ['body'])
      assert.match(response.body().errors[0].message, /^Nothing to change/)
    }
    const tenant = await client.patch('/api/v1/tenant').bearerToken(world.token).json({ x: 1 })
    tenant.assertStatus(422)
    assert.deepEqual(await fingerprint(world.tenantId), before)
  })

  test('Transmit: a subscribe without a channel or a stream without a uid is a 422', async ({
    assert,
  }) => {
    // A browser's session (with its XSRF token), as the Transmit client has.
    const browser = new BrowserSession()
    await browser.page('/login')
    const subscribe = await browser.request('POST', '/__transmit/subscribe', { uid: randomUUID() })
    assert.equal(subscribe.status, 422)
    assert.deepEqual(
      subscribe.body.errors.map((error: any) => error.field),
      ['channel']
    )
    const unsubscribe = await browser.request('POST', '/__transmit/unsubscribe', { channel: 'x' })
    assert.equal(unsubscribe.status, 422)
    assert.deepEqual(
      unsubscribe.body.errors.map((error: any) => error.field),
      ['uid']
    )
    const stream = await fetch(`${base()}/__transmit/events`, {
      headers: { accept: 'text/event-stream' },
      redirect: 'manual',
    })
    assert.equal(stream.status, 422)
  })
})

/** Query strings a curious user tries on a listing: none may reach PostgreSQL as a 500. */
const HOSTILE_QUERIES = [
  'page=1e300&perPage=100',
  'page=99999999999999999999&perPage=100',
  'page=-1&perPage=0&limit=-5',
  'page[]=1&perPage[x]=2&q[]=a&cursor[]=b',
  `q=${'x'.repeat(5000)}&search=${'y'.repeat(5000)}&action=${'z'.repeat(5000)}`,
  'from=2026-13-45&to=yesterday&actorId=not-a-uuid&projectId=nope&tagId=nope&programId=nope',
  'cursor=%E2%9C%93%7C%F0%9F%98%80&mode=hybrid&types[]=x&tagIds[]=y',
]

test.group('Every read route survives hostile query strings', () => {
  test('no GET route answers 5xx to malformed pagination, filters or over-long terms', async ({
    client,
    assert,
  }) => {
    const world = await makeTenantWorld(client, 'reader')
    const browser = await signIn(world)
    const routes = allRoutes().filter(
      (route) => route.method === 'GET' && !route.pattern.startsWith('/__transmit')
    )
    assert.isAbove(routes.length, 30)
    const failures: string[] = []
    let sent = 0
    for (const route of routes) {
      const { filled, unknown } = fillParams(route)
      assert.deepEqual(unknown, [], `${route.pattern}: parameters route_table.ts cannot fill`)
      const values = Object.fromEntries(
        filled.map((param) => [param.name, param.valueFor(world) ?? 'library'])
      )
      if (route.pattern.includes('/tabs/')) values.plugin = 'content'
      const path = pathFor(route.pattern, values)
      for (const query of HOSTILE_QUERIES) {
        sent++
        const url = `${path}?${query}`
        const status = isPage(route.pattern)
          ? (await browser.page(url)).status
          : (
              await fetch(`${base()}${url}`, {
                headers: { authorization: `Bearer ${world.token}`, accept: 'application/json' },
              })
            ).status
        if (status >= 500) failures.push(`GET ${url.slice(0, 160)} → ${status}`)
      }
    }
    console.log(`bad input: ${sent} hostile queries to ${routes.length} read routes`)
    assert.deepEqual(failures, [])
    // Several hundred requests, a third of them server-rendered pages: more than the
    // functional suite's per-test default.
  }).timeout(240_000)
})
