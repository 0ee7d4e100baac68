import { test } from '@japa/runner'
import { randomInt } from 'node:crypto'
import env from '#start/env'
import { makeTenant, makeUser, PASSWORD, tokenFor } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import User from '#models/user'
import { workspaceNavigation } from '#services/queries/navigation'
import { createTenant } from '#services/tenant_onboarding'

const base = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * A cookie jar that, unlike the browser helper, lets a test choose every header:
 * whether to echo the XSRF token, add an Authorization header or claim a client
 * address through X-Forwarded-For (trusted only from loopback, see config/app.ts).
 */
class CookieClient {
  cookies = new Map<string, string>()

  async send(
    method: string,
    path: string,
    options: { body?: unknown; xsrf?: boolean; headers?: Record<string, string> } = {}
  ) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      ...options.headers,
    }
    const xsrf = this.cookies.get('XSRF-TOKEN')
    if (options.xsrf !== false && xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf)
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${base()}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: 'manual',
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const separator = pair.indexOf('=')
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1))
    }
    const text = await response.text()
    const isJson = response.headers.get('content-type')?.includes('json')
    return { status: response.status, body: text && isJson ? JSON.parse(text) : text }
  }

  /** Signs in with a session cookie, as the login page does. */
  async signIn(workspace: string, email: string, password = PASSWORD, ip?: string) {
    const headers = ip ? { 'x-forwarded-for': ip } : undefined
    await this.send('GET', '/health', { headers })
    return this.send('POST', '/api/v1/auth/login', {
      body: { workspace, email, password },
      headers,
    })
  }
}

/** A documentation-range address (RFC 5737), fresh per test so runs never share counters. */
export const someIp = () => `198.51.100.${randomInt(1, 254)}`

test.group('CSRF', () => {
  test('a junk bearer header does not exempt a session request from CSRF', async ({ assert }) => {
    const { tenant, admin } = await makeTenant('csrf-bearer')
    const browser = new CookieClient()
    assert.equal((await browser.signIn(tenant.slug, admin.email)).status, 200)

    const forged = await browser.send('POST', '/api/v1/programs', {
      body: { name: 'Forged program' },
      xsrf: false,
      headers: { authorization: 'Bearer cnx_junk.junk' },
    })
    assert.equal(forged.status, 403)
    const programs = await withTenant(tenant.id, (trx) =>
      trx.from('programs').where('name', 'Forged program').count('* as total').first()
    )
    assert.equal(Number(programs.total), 0)

    // The same session with its XSRF token is let through, so the 403 above was CSRF.
    const genuine = await browser.send('POST', '/api/v1/programs', {
      body: { name: 'Genuine program' },
    })
    assert.equal(genuine.status, 201)
  })

  test('a valid token of another account does not exempt signing in from CSRF', async ({
    assert,
  }) => {
    const victim = await makeTenant('csrf-victim')
    const attacker = await makeTenant('csrf-attacker')
    const browser = new CookieClient()
    assert.equal((await browser.signIn(victim.tenant.slug, victim.admin.email)).status, 200)
    const forgedLogin = await browser.send('POST', '/api/v1/auth/login', {
      body: { workspace: attacker.tenant.slug, email: attacker.admin.email, password: PASSWORD },
      xsrf: false,
      headers: { authorization: `Bearer ${attacker.token}` },
    })
    assert.equal(forgedLogin.status, 403)
    const forgedLogout = await browser.send('POST', '/api/v1/auth/logout', {
      xsrf: false,
      headers: { authorization: `Bearer ${attacker.token}` },
    })
    assert.equal(forgedLogout.status, 403)
    const me = await browser.send('GET', '/api/v1/me')
    assert.equal(me.body.user.email, victim.admin.email)
  })

  test('a verified access token needs no CSRF token', async ({ assert }) => {
    const { token } = await makeTenant('csrf-token')
    const viaToken = await new CookieClient().send('POST', '/api/v1/programs', {
      body: { name: 'Token program' },
      headers: { authorization: `Bearer ${token}` },
    })
    assert.equal(viaToken.status, 201)
  })
})

test.group('Program visibility', () => {
  test('members see only programs holding a project they may see; API and navigation agree', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('programs-visible')
    const member = await makeUser(tenant.id, 'member')
    const post = async (path: string, body: object) => {
      const response = await client.post(path).bearerToken(token).json(body)
      response.assertStatus(201)
      return response.body().data.id as string
    }
    const withMembership = await post('/api/v1/programs', { name: 'With membership' })
    const withPublic = await post('/api/v1/programs', { name: 'With public project' })
    const withPrivate = await post('/api/v1/programs', { name: 'With private project' })
    const empty = await post('/api/v1/programs', { name: 'Empty' })
    const mine = await post('/api/v1/projects', { programId: withMembership, name: 'Mine' })
    await post('/api/v1/projects', { programId: withPublic, name: 'Open', isPublic: true })
    await post('/api/v1/projects', { programId: withPrivate, name: 'Secret' })
    ;(
      await client
        .post(`/api/v1/projects/${mine}/members`)
        .bearerToken(token)
        .json({ userId: member.user.id, role: 'viewer' })
    ).assertStatus(201)

    const listed = await client.get('/api/v1/programs').bearerToken(member.token)
    listed.assertStatus(200)
    const visible = listed.body().data.map((program: any) => program.id)
    assert.sameMembers(visible, [withMembership, withPublic])
    ;(
      await client.get(`/api/v1/programs/${withMembership}`).bearerToken(member.token)
    ).assertStatus(200)
    for (const hidden of [withPrivate, empty]) {
      ;(await client.get(`/api/v1/programs/${hidden}`).bearerToken(member.token)).assertStatus(404)
    }

    const navigation = await withTenant(tenant.id, async (trx) => {
      const user = await User.query({ client: trx }).where('id', member.user.id).firstOrFail()
      return workspaceNavigation(trx, user)
    })
    assert.sameMembers(
      navigation.map((program) => program.id),
      visible
    )

    const all = await client.get('/api/v1/programs').bearerToken(token)
    assert.sameMembers(
      all.body().data.map((program: any) => program.id),
      [withMembership, withPublic, withPrivate, empty]
    )
    ;(await client.get(`/api/v1/programs/${empty}`).bearerToken(token)).assertStatus(200)
    assert.equal(admin.role, 'admin')
  })
})

const NEW_PASSWORD = 'a brand new passphrase'

test.group('Password changes revoke other credentials', () => {
  test('a self-change keeps the session that made it and ends every other one', async ({
    client,
    assert,
  }) => {
    const { tenant } = await makeTenant('self-change')
    const { user, token } = await makeUser(tenant.id, 'member')
    const otherToken = await tokenFor(user)
    const changing = new CookieClient()
    const other = new CookieClient()
    assert.equal((await changing.signIn(tenant.slug, user.email)).status, 200)
    assert.equal((await other.signIn(tenant.slug, user.email)).status, 200)
    assert.equal((await other.send('GET', '/api/v1/me')).status, 200)

    const changed = await changing.send('PATCH', '/api/v1/me', {
      body: { password: NEW_PASSWORD, currentPassword: PASSWORD },
    })
    assert.equal(changed.status, 200)

    assert.equal((await changing.send('GET', '/api/v1/me')).status, 200)
    const writeAfter = await changing.send('PATCH', '/api/v1/me', { body: { fullName: 'Renamed' } })
    assert.equal(writeAfter.status, 200)
    assert.equal((await other.send('GET', '/api/v1/me')).status, 401)
    for (const revoked of [token, otherToken]) {
      ;(await client.get('/api/v1/me').bearerToken(revoked)).assertStatus(401)
    }
    const tokensLeft = await withTenant(tenant.id, (trx) =>
      trx.from('auth_access_tokens').where('tokenable_id', user.id).count('* as total').first()
    )
    assert.equal(Number(tokensLeft.total), 0)
    assert.equal(
      (await new CookieClient().signIn(tenant.slug, user.email, NEW_PASSWORD)).status,
      200
    )
  })

  test('a self-change through an access token keeps only that token', async ({
    client,
    assert,
  }) => {
    const { tenant } = await makeTenant('self-token')
    const { user, token } = await makeUser(tenant.id, 'member')
    const otherToken = await tokenFor(user)
    const session = new CookieClient()
    assert.equal((await session.signIn(tenant.slug, user.email)).status, 200)

    const changed = await client
      .patch('/api/v1/me')
      .bearerToken(token)
      .json({ password: NEW_PASSWORD, currentPassword: PASSWORD })
    changed.assertStatus(200)
    ;(await client.get('/api/v1/me').bearerToken(token)).assertStatus(200)
    ;(await client.get('/api/v1/me').bearerToken(otherToken)).assertStatus(401)
    assert.equal((await session.send('GET', '/api/v1/me')).status, 401)
  })

  test("an admin's reset ends all of the user's sessions and tokens", async ({
    client,
    assert,
  }) => {
    const { tenant, token: adminToken } = await makeTenant('admin-reset')
    const { user, token } = await makeUser(tenant.id, 'member')
    const session = new CookieClient()
    assert.equal((await session.signIn(tenant.slug, user.email)).status, 200)
    assert.equal((await session.send('GET', '/api/v1/me')).status, 200)

    const reset = await client
      .patch(`/api/v1/users/${user.id}`)
      .bearerToken(adminToken)
      .json({ password: NEW_PASSWORD })
    reset.assertStatus(200)
    assert.equal((await session.send('GET', '/api/v1/me')).status, 401)
    ;(await client.get('/api/v1/me').bearerToken(token)).assertStatus(401)
    ;(await client.get('/api/v1/me').bearerToken(adminToken)).assertStatus(200)
    assert.equal(
      (await new CookieClient().signIn(tenant.slug, user.email, NEW_PASSWORD)).status,
      200
    )
  })
})

test.group('Throttling', () => {
  test('wrong passwords block the guessing address, not the account elsewhere', async ({
    client,
    assert,
  }) => {
    const { tenant, admin } = await makeTenant('throttle-ip')
    const ipA = someIp()
    const ipB = `203.0.113.${randomInt(1, 254)}`
    const fromA = (password: string) =>
      client
        .post('/api/v1/auth/tokens')
        .header('x-forwarded-for', ipA)
        .json({ workspace: tenant.slug, email: admin.email, password, name: 'guess' })

    const statuses = []
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await fromA('wrong')).status())
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429])

    const fromB = await client
      .post('/api/v1/auth/tokens')
      .header('x-forwarded-for', ipB)
      .json({ workspace: tenant.slug, email: admin.email, password: PASSWORD, name: 'cli' })
    fromB.assertStatus(201)
    const sessionFromB = await new CookieClient().signIn(tenant.slug, admin.email, PASSWORD, ipB)
    assert.equal(sessionFromB.status, 200)

    const rightFromA = await fromA(PASSWORD)
    rightFromA.assertStatus(429)
    assert.exists(rightFromA.headers()['retry-after'])
  })

  test("a workspace's slug and domain share one budget", async ({ client, assert }) => {
    const slug = `slugdomain-${randomInt(1e9)}`
    const domain = `${slug}.example.org`
    const email = `admin@${slug}.test`
    await createTenant({
      name: 'Slug and domain',
      slug,
      domain,
      admin: { email, fullName: 'Admin', password: PASSWORD },
    })
    const ip = someIp()
    const attempt = (workspace: string) =>
      client
        .post('/api/v1/auth/tokens')
        .header('x-forwarded-for', ip)
        .json({ workspace, email, password: 'wrong', name: 'guess' })
    const statuses = []
    for (const workspace of [slug, domain, slug, domain, slug, domain]) {
      statuses.push((await attempt(workspace)).status())
    }
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429])
  })

  test('wrong operator tokens block the address that sends them', async ({ assert }) => {
    const guesser = new CookieClient()
    const ip = someIp()
    await guesser.send('GET', '/health', { headers: { 'x-forwarded-for': ip } })
    const signIn = (client: CookieClient, token: string, from: string) =>
      client.send('POST', '/api/v1/platform/session', {
        body: { token },
        headers: { 'x-forwarded-for': from },
      })
    const bearerGuess = (token: string) =>
      guesser.send('GET', '/api/v1/platform/tenants', {
        headers: { 'x-forwarded-for': ip, 'authorization': `Bearer ${token}` },
      })
    const statuses = []
    for (let attempt = 0; attempt < 5; attempt++) {
      statuses.push((await signIn(guesser, `guess-${attempt}`, ip)).status)
      statuses.push((await bearerGuess(`bearer-guess-${attempt}`)).status)
    }
    assert.deepEqual(statuses, [422, 401, 422, 401, 422, 401, 422, 401, 422, 401])
    assert.equal((await signIn(guesser, env.get('OPERATOR_TOKEN')!, ip)).status, 429)
    assert.equal((await bearerGuess(env.get('OPERATOR_TOKEN')!)).status, 429)

    const operator = new CookieClient()
    const elsewhere = `203.0.113.${randomInt(1, 254)}`
    await operator.send('GET', '/health', { headers: { 'x-forwarded-for': elsewhere } })
    assert.equal((await signIn(operator, env.get('OPERATOR_TOKEN')!, elsewhere)).status, 204)
  })

  test('token creation is limited per user and per address and account', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('throttle-tokens')
    const created = []
    for (let index = 0; index < 11; index++) {
      const response = await client
        .post('/api/v1/me/tokens')
        .bearerToken(token)
        .json({ name: `t${index}` })
      created.push(response.status())
    }
    assert.deepEqual(created, [...Array(10).fill(201), 429])

    const ip = someIp()
    const issued = []
    for (let index = 0; index < 11; index++) {
      const response = await client
        .post('/api/v1/auth/tokens')
        .header('x-forwarded-for', ip)
        .json({ workspace: tenant.slug, email: admin.email, password: PASSWORD, name: 'cli' })
      issued.push(response.status())
    }
    assert.deepEqual(issued, [...Array(10).fill(201), 429])
  })

  test('uploads are limited per user', async ({ client, assert }) => {
    const { token } = await makeTenant('throttle-uploads')
    const statuses = []
    for (let index = 0; index < 31; index++) {
      statuses.push((await client.post('/api/v1/content/uploads').bearerToken(token)).status())
    }
    assert.equal(statuses[30], 429)
    assert.notInclude(statuses.slice(0, 30), 429)
    const other = await makeTenant('throttle-uploads-other')
    const elsewhere = await client.post('/api/v1/content/uploads').bearerToken(other.token)
    assert.notEqual(elsewhere.status(), 429)
  })
})

test.group('Access token abilities', () => {
  const narrowToken = async (client: any, token: string, abilities: string[]) => {
    const created = await client
      .post('/api/v1/me/tokens')
      .bearerToken(token)
      .json({ name: abilities.join(' '), abilities })
    created.assertStatus(201)
    return created.body().token as string
  }

  test('a read-only token may read but not write', async ({ client, assert }) => {
    const { token } = await makeTenant('read-token')
    const readOnly = await narrowToken(client, token, ['read'])
    ;(await client.get('/api/v1/programs').bearerToken(readOnly)).assertStatus(200)
    ;(await client.get('/api/v1/content/items').bearerToken(readOnly)).assertStatus(200)
    const write = await client.post('/api/v1/programs').bearerToken(readOnly).json({ name: 'No' })
    write.assertStatus(403)
    ;(
      await client.post('/api/v1/me/tokens').bearerToken(readOnly).json({ name: 'wider' })
    ).assertStatus(403)
    const listed = await client.get('/api/v1/me/tokens').bearerToken(token)
    assert.sameMembers(
      listed.body().data.map((row: any) => row.name),
      ['test', 'read']
    )
    assert.deepEqual(listed.body().data.find((row: any) => row.name === 'read').abilities, ['read'])
  })

  test("a plugin-scoped token reaches only that plugin's routes", async ({ client }) => {
    const { token } = await makeTenant('plugin-token')
    const contentOnly = await narrowToken(client, token, ['plugin:content'])
    ;(await client.get('/api/v1/content/items').bearerToken(contentOnly)).assertStatus(200)
    ;(await client.get('/api/v1/search?q=anything').bearerToken(contentOnly)).assertStatus(200)
    const write = await client
      .post('/api/v1/content/projects/00000000-0000-4000-8000-000000000000/tags')
      .bearerToken(contentOnly)
      .json({ name: 'x' })
    write.assertStatus(404)
    ;(await client.get('/api/v1/programs').bearerToken(contentOnly)).assertStatus(403)
    ;(await client.get('/api/v1/me').bearerToken(contentOnly)).assertStatus(403)

    const contentReader = await narrowToken(client, token, ['plugin:content:read'])
    ;(await client.get('/api/v1/content/items').bearerToken(contentReader)).assertStatus(200)
    ;(
      await client
        .post('/api/v1/content/projects/00000000-0000-4000-8000-000000000000/tags')
        .bearerToken(contentReader)
        .json({ name: 'x' })
    ).assertStatus(403)

    const sampleOnly = await narrowToken(client, token, ['plugin:sample'])
    ;(await client.get('/api/v1/content/items').bearerToken(sampleOnly)).assertStatus(403)
  })

  test('unknown abilities are refused with a 422 naming abilities', async ({ client, assert }) => {
    const { tenant, admin, token } = await makeTenant('bad-abilities')
    for (const abilities of [['write'], ['plugin:no-such-plugin'], [], 'read']) {
      const response = await client
        .post('/api/v1/me/tokens')
        .bearerToken(token)
        .json({ name: 'bad', abilities })
      response.assertStatus(422)
      assert.deepEqual(
        response.body().errors.map((error: any) => error.field),
        ['abilities']
      )
    }
    const issued = await client.post('/api/v1/auth/tokens').json({
      workspace: tenant.slug,
      email: admin.email,
      password: PASSWORD,
      name: 'cli',
      abilities: ['admin'],
    })
    issued.assertStatus(422)
    const count = await withTenant(tenant.id, (trx) =>
      trx.from('auth_access_tokens').count('* as total').first()
    )
    assert.equal(Number(count.total), 1)
  })
})

export { CookieClient }
