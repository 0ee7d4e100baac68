import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { PASSWORD } from '#tests/helpers/tenants'

const operator = () => env.get('OPERATOR_TOKEN')!

test.group('Platform operator', () => {
  test('creates a tenant with its first admin, who can then sign in', async ({
    client,
    assert,
  }) => {
    const slug = `op-${randomUUID().slice(0, 8)}`
    const created = await client
      .post('/api/v1/platform/tenants')
      .bearerToken(operator())
      .json({
        name: 'Operator Made',
        slug,
        admin: { email: `boss@${slug}.test`, fullName: 'Boss', password: PASSWORD },
      })
    created.assertStatus(201)
    assert.equal(created.body().data.admin.role, 'admin')

    const signIn = await client
      .post('/api/v1/auth/tokens')
      .json({ workspace: slug, email: `boss@${slug}.test`, password: PASSWORD, name: 'first' })
    signIn.assertStatus(201)

    const listed = await client.get('/api/v1/platform/tenants?perPage=200').bearerToken(operator())
    assert.include(
      listed.body().data.map((tenant: any) => tenant.slug),
      slug
    )

    const duplicate = await client
      .post('/api/v1/platform/tenants')
      .bearerToken(operator())
      .json({
        name: 'Again',
        slug,
        admin: { email: 'a@b.test', fullName: 'A', password: PASSWORD },
      })
    duplicate.assertStatus(422)
    assert.deepEqual(
      duplicate.body().errors.map((error: any) => error.field),
      ['slug']
    )
  })

  test('a workspace can be named by its domain at sign-in', async ({ client }) => {
    const slug = `dom-${randomUUID().slice(0, 8)}`
    const domain = `${slug}.example.org`
    ;(
      await client
        .post('/api/v1/platform/tenants')
        .bearerToken(operator())
        .json({
          name: 'By Domain',
          slug,
          domain,
          admin: { email: `d@${slug}.test`, fullName: 'D', password: PASSWORD },
        })
    ).assertStatus(201)
    const signIn = await client.post('/api/v1/auth/tokens').json({
      workspace: domain.toUpperCase(),
      email: `d@${slug}.test`,
      password: PASSWORD,
      name: 'd',
    })
    signIn.assertStatus(201)
  })

  test('a deactivated tenant can no longer be used', async ({ client }) => {
    const slug = `off-${randomUUID().slice(0, 8)}`
    const created = await client
      .post('/api/v1/platform/tenants')
      .bearerToken(operator())
      .json({
        name: 'Gone',
        slug,
        admin: { email: `x@${slug}.test`, fullName: 'X', password: PASSWORD },
      })
    const signIn = await client
      .post('/api/v1/auth/tokens')
      .json({ workspace: slug, email: `x@${slug}.test`, password: PASSWORD, name: 't' })
    const token = signIn.body().token

    const tenantId = created.body().data.id
    ;(
      await client.post(`/api/v1/platform/tenants/${tenantId}/deactivate`).bearerToken(operator())
    ).assertStatus(200)
    ;(await client.get('/api/v1/me').bearerToken(token)).assertStatus(401)
    ;(
      await client
        .post('/api/v1/auth/tokens')
        .json({ workspace: slug, email: `x@${slug}.test`, password: PASSWORD, name: 't' })
    ).assertStatus(400)
  })

  test('the platform API refuses anyone without the operator token', async ({ client }) => {
    ;(await client.get('/api/v1/platform/tenants')).assertStatus(401)
    ;(await client.get('/api/v1/platform/tenants').bearerToken('guess')).assertStatus(401)
  })

  test('node ace tenant:create creates a tenant and names bad input', async ({ assert }) => {
    const { default: TenantCreate } = await import('#commands/tenant_create')
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const slug = `cli-${randomUUID().slice(0, 8)}`
    const command = await ace.create(TenantCreate, [
      `--name=CLI Made`,
      `--slug=${slug}`,
      `--admin-email=root@${slug}.test`,
      `--admin-password=${PASSWORD}`,
    ])
    await command.exec()
    command.assertSucceeded()
    command.assertLogMatches(new RegExp(`Created workspace "${slug}"`))

    const invalid = await ace.create(TenantCreate, [
      '--name=Bad',
      '--slug=NO',
      '--admin-email=nope',
      `--admin-password=${PASSWORD}`,
    ])
    await invalid.exec()
    invalid.assertFailed()
    assert.isTrue(invalid.logger.getLogs().some((log) => log.message.includes('slug')))
  })
})
