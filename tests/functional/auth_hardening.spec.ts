import { test } from '@japa/runner'
import { makeTenant, makeUser, PASSWORD, tokenFor } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import User from '#models/user'
import { workspaceNavigation } from '#services/queries/navigation'
import { CookieClient } from '#tests/helpers/cookie_client'

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
