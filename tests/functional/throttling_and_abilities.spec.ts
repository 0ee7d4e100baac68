import { test } from '@japa/runner'
import { randomInt } from 'node:crypto'
import env from '#start/env'
import { makeTenant, PASSWORD } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { createTenant } from '#services/tenant_onboarding'
import { CookieClient, someIp } from '#tests/helpers/cookie_client'

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
