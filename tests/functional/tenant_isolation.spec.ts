import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeTenant } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'

async function seedWorkspace(client: any, token: string, label: string) {
  const program = await client
    .post('/api/v1/programs')
    .bearerToken(token)
    .json({ name: `${label} program` })
  const project = await client
    .post('/api/v1/projects')
    .bearerToken(token)
    .json({ programId: program.body().data.id, name: `${label} project` })
  return { programId: program.body().data.id, projectId: project.body().data.id }
}

test.group('Tenant isolation', () => {
  test('tenant A cannot list, read, update or delete tenant B rows through the API', async ({
    client,
    assert,
  }) => {
    const a = await makeTenant('alpha')
    const b = await makeTenant('beta')
    await seedWorkspace(client, a.token, 'A')
    const bRows = await seedWorkspace(client, b.token, 'B')

    const programs = await client.get('/api/v1/programs').bearerToken(a.token)
    programs.assertStatus(200)
    assert.deepEqual(
      programs.body().data.map((p: any) => p.name),
      ['A program']
    )
    const projects = await client.get('/api/v1/projects').bearerToken(a.token)
    assert.deepEqual(
      projects.body().data.map((p: any) => p.name),
      ['A project']
    )

    const attempts = [
      client.get(`/api/v1/programs/${bRows.programId}`),
      client.patch(`/api/v1/programs/${bRows.programId}`).json({ name: 'stolen' }),
      client.post(`/api/v1/programs/${bRows.programId}/archive`),
      client.delete(`/api/v1/programs/${bRows.programId}`),
      client.get(`/api/v1/projects/${bRows.projectId}`),
      client.patch(`/api/v1/projects/${bRows.projectId}`).json({ name: 'stolen' }),
      client.delete(`/api/v1/projects/${bRows.projectId}`),
      client.get(`/api/v1/projects/${bRows.projectId}/members`),
      client.get(`/api/v1/users/${b.admin.id}`),
      client.post(`/api/v1/users/${b.admin.id}/deactivate`),
    ]
    for (const attempt of attempts) {
      const response = await attempt.bearerToken(a.token)
      response.assertStatus(404)
    }

    const bProgram = await client.get(`/api/v1/programs/${bRows.programId}`).bearerToken(b.token)
    bProgram.assertStatus(200)
    assert.equal(bProgram.body().data.name, 'B program')
    assert.isNull(bProgram.body().data.archivedAt)
    const bProject = await client.get(`/api/v1/projects/${bRows.projectId}`).bearerToken(b.token)
    assert.equal(bProject.body().data.name, 'B project')
  })

  test('a query without any tenant filter, run as the runtime role, sees only its tenant', async ({
    client,
    assert,
  }) => {
    const a = await makeTenant('gamma')
    const b = await makeTenant('delta')
    await seedWorkspace(client, a.token, 'A')
    await seedWorkspace(client, b.token, 'B')

    await withTenant(a.tenant.id, async (trx) => {
      for (const table of [
        'programs',
        'projects',
        'users',
        'project_memberships',
        'tenant_audit_log',
        'domain_events',
      ]) {
        const rows = await trx.from(table).select('tenant_id')
        assert.isAbove(rows.length, 0, `${table} is empty for tenant A`)
        assert.isTrue(
          rows.every((row) => row.tenant_id === a.tenant.id),
          `${table} leaked another tenant's rows`
        )
      }
      const tenants = await trx.from('tenants').select('id')
      assert.deepEqual(tenants, [{ id: a.tenant.id }])
    })

    const outsideAnyTenant = await db.from('programs').select('id')
    assert.lengthOf(outsideAnyTenant, 0)
  })

  test('row-level security refuses to write a row into another tenant', async ({ assert }) => {
    const a = await makeTenant('eps')
    const b = await makeTenant('zeta')
    await assert.rejects(
      () =>
        withTenant(a.tenant.id, (trx) =>
          trx.table('programs').insert({ tenant_id: b.tenant.id, name: 'x', slug: 'x' })
        ),
      /row-level security/
    )
  })
})
