import { test } from '@japa/runner'
import { makeTenant, makeUser, PASSWORD } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { BrowserSession } from '#tests/helpers/browser_session'

test.group('Sign-in', () => {
  test('a session cookie signs the user into their tenant; logout ends it', async ({ assert }) => {
    const { tenant, admin } = await makeTenant('session')
    const browser = new BrowserSession()
    assert.equal((await browser.request('GET', '/api/v1/me')).status, 401)

    const login = await browser.request('POST', '/api/v1/auth/login', {
      workspace: tenant.slug,
      email: admin.email,
      password: PASSWORD,
    })
    assert.equal(login.status, 200)
    assert.equal(login.body.user.email, admin.email)

    const me = await browser.request('GET', '/api/v1/me')
    assert.equal(me.status, 200)
    assert.deepEqual(me.body.tenant, { id: tenant.id, name: tenant.name, slug: tenant.slug })

    assert.equal((await browser.request('POST', '/api/v1/auth/logout')).status, 204)
    assert.equal((await browser.request('GET', '/api/v1/me')).status, 401)
  })

  test('a state-changing session request without a CSRF token is refused', async ({ client }) => {
    const { tenant, admin } = await makeTenant('csrf')
    const response = await client
      .post('/api/v1/auth/login')
      .json({ workspace: tenant.slug, email: admin.email, password: PASSWORD })
    response.assertStatus(403)
  })

  test('wrong credentials and unknown workspaces get the same answer', async ({
    client,
    assert,
  }) => {
    const { tenant, admin } = await makeTenant('wrong')
    const wrongPassword = await client
      .post('/api/v1/auth/tokens')
      .json({ workspace: tenant.slug, email: admin.email, password: 'nope', name: 'cli' })
    const unknownWorkspace = await client
      .post('/api/v1/auth/tokens')
      .json({ workspace: 'no-such-workspace', email: admin.email, password: PASSWORD, name: 'cli' })
    wrongPassword.assertStatus(400)
    unknownWorkspace.assertStatus(400)
    assert.deepEqual(wrongPassword.body(), unknownWorkspace.body())
  })

  test('bad login input is a 422 naming each field', async ({ client, assert }) => {
    const response = await client.post('/api/v1/auth/tokens').json({ email: 'not-an-email' })
    response.assertStatus(422)
    const fields = response
      .body()
      .errors.map((error: any) => error.field)
      .sort()
    assert.deepEqual(fields, ['email', 'name', 'password', 'workspace'])
  })

  test('repeated wrong passwords are throttled', async ({ client, assert }) => {
    const { tenant, admin } = await makeTenant('throttle')
    const attempt = () =>
      client
        .post('/api/v1/auth/tokens')
        .json({ workspace: tenant.slug, email: admin.email, password: 'wrong', name: 'cli' })
    for (let index = 0; index < 5; index++) (await attempt()).assertStatus(400)
    const blocked = await attempt()
    blocked.assertStatus(429)
    assert.exists(blocked.headers()['retry-after'])
  })
})

test.group('Access tokens', () => {
  test('are issued once, listed without their secret, stored hashed and revocable', async ({
    client,
    assert,
  }) => {
    const { tenant, admin } = await makeTenant('tokens')
    const issued = await client
      .post('/api/v1/auth/tokens')
      .json({ workspace: tenant.slug, email: admin.email, password: PASSWORD, name: 'cli' })
    issued.assertStatus(201)
    const secret: string = issued.body().token
    assert.match(secret, /^cnx_/)

    const created = await client.post('/api/v1/me/tokens').bearerToken(secret).json({ name: 'ci' })
    created.assertStatus(201)
    const ciToken: string = created.body().token

    const listed = await client.get('/api/v1/me/tokens').bearerToken(ciToken)
    listed.assertStatus(200)
    assert.sameMembers(
      listed.body().data.map((token: any) => token.name),
      ['test', 'cli', 'ci']
    )
    assert.notInclude(JSON.stringify(listed.body()), secret.slice(4))

    const stored = await withTenant(tenant.id, (trx) =>
      trx.from('auth_access_tokens').select('hash')
    )
    for (const row of stored) {
      assert.notInclude(ciToken, row.hash)
      assert.notInclude(secret, row.hash)
    }

    const revoke = await client.delete(`/api/v1/me/tokens/${created.body().id}`).bearerToken(secret)
    revoke.assertStatus(204)
    ;(await client.get('/api/v1/me').bearerToken(ciToken)).assertStatus(401)
    ;(await client.get('/api/v1/me').bearerToken(secret)).assertStatus(200)
  })

  test('a tampered or unknown token is refused', async ({ client }) => {
    const { token } = await makeTenant('tamper')
    ;(await client.get('/api/v1/me').bearerToken(`${token}x`)).assertStatus(401)
    ;(await client.get('/api/v1/me').bearerToken('cnx_bm9uc2Vuc2U.abc')).assertStatus(401)
    ;(await client.get('/api/v1/me')).assertStatus(401)
  })

  test('a deactivated user is signed out everywhere', async ({ client }) => {
    const { tenant, token } = await makeTenant('deactivate')
    const member = await makeUser(tenant.id, 'member')
    ;(await client.get('/api/v1/me').bearerToken(member.token)).assertStatus(200)
    ;(
      await client.post(`/api/v1/users/${member.user.id}/deactivate`).bearerToken(token)
    ).assertStatus(200)
    ;(await client.get('/api/v1/me').bearerToken(member.token)).assertStatus(401)
    const login = await client.post('/api/v1/auth/tokens').json({
      workspace: tenant.slug,
      email: member.user.email,
      password: PASSWORD,
      name: 'again',
    })
    login.assertStatus(400)
  })
})
