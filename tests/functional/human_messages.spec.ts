import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { createTenant } from '#services/tenant_onboarding'
import { makeTenant, makeUser, PASSWORD, tokenFor } from '#tests/helpers/tenants'
import { someIp } from '#tests/helpers/cookie_client'

test.group('Human error messages', () => {
  test('a 422 names machine fields with human messages', async ({ client, assert }) => {
    const { token } = await makeTenant('human-422')
    const response = await client
      .post('/api/v1/users')
      .bearerToken(token)
      .json({ email: 'not-an-email', password: 'short' })
    response.assertStatus(422)
    const errors = response.body().errors as { field: string; message: string; rule: string }[]
    assert.sameDeepMembers(
      errors.map(({ field, message, rule }) => ({ field, message, rule })),
      [
        { field: 'email', message: 'Enter a valid email address', rule: 'email' },
        { field: 'fullName', message: 'Full name is required', rule: 'required' },
        { field: 'password', message: 'At least 10 characters', rule: 'minLength' },
      ]
    )
  })

  test('plugin settings are labelled by their own names', async ({ client, assert }) => {
    const { token } = await makeTenant('human-settings')
    const response = await client
      .put('/api/v1/plugins/content')
      .bearerToken(token)
      .json({ settings: { chunkTokens: 5, chunkOverlap: 40, embeddingProvider: 'hashing-256' } })
    response.assertStatus(422)
    assert.deepInclude(response.body().errors[0], {
      field: 'settings.chunkTokens',
      message: 'Chunk tokens must be between 64 and 2,000',
      rule: 'range',
    })
  })

  test('a count in a message has its noun in the right number', async ({ client, assert }) => {
    const slug = `human-limit-${randomUUID().slice(0, 8)}`
    const { admin } = await createTenant({
      name: 'Limit Inc',
      slug,
      maxUsers: 1,
      admin: { email: `admin@${slug}.test`, fullName: 'Limit Admin', password: PASSWORD },
    })
    const response = await client
      .post('/api/v1/users')
      .bearerToken(await tokenFor(admin))
      .json({ email: `second@${slug}.test`, fullName: 'Second', password: PASSWORD })
    response.assertStatus(422)
    assert.equal(response.body().errors[0].message, "The workspace's limit of 1 user is reached")
  })

  test('the framework refusals speak plainly, with their usual statuses', async ({
    client,
    assert,
  }) => {
    const { tenant, admin } = await makeTenant('human-refusals')
    const { token: member } = await makeUser(tenant.id, 'member')

    const unknown = await client.get('/api/v1/no-such-thing').bearerToken(member)
    unknown.assertStatus(404)
    assert.deepEqual(unknown.body(), { errors: [{ message: 'This address does not exist' }] })

    const anonymous = await client.get('/api/v1/programs')
    anonymous.assertStatus(401)
    assert.equal(
      anonymous.body().errors[0].message,
      'Sign in again: your session has ended or the access token is not valid'
    )

    const denied = await client.post('/api/v1/programs').bearerToken(member).json({ name: 'X' })
    denied.assertStatus(403)
    assert.equal(denied.body().errors[0].message, 'You do not have permission to do this')

    const ip = someIp()
    const guess = () =>
      client
        .post('/api/v1/auth/tokens')
        .header('x-forwarded-for', ip)
        .json({ workspace: tenant.slug, email: admin.email, password: 'wrong', name: 'guess' })
    let throttled = await guess()
    for (let attempt = 1; attempt < 6; attempt++) throttled = await guess()
    throttled.assertStatus(429)
    assert.match(
      throttled.body().errors[0].message,
      /^Too many attempts\. Try again in \d+ minutes?\.$/
    )
  })
})
