import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'

type Client = any

async function makeProject(client: Client, token: string) {
  const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'Prog' })
  const project = await client
    .post('/api/v1/projects')
    .bearerToken(token)
    .json({ programId: program.body().data.id, name: 'Rotor', description: 'Blades' })
  project.assertStatus(201)
  return project.body().data
}

const patch = (client: Client, token: string, id: string, body: unknown) =>
  client.patch(`/api/v1/projects/${id}`).bearerToken(token).json(body)

/* What a project's page edits: name, description and visibility. */
test.group('Project settings', () => {
  test('name, description and visibility change, are returned and audited', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('project-settings')
    const project = await makeProject(client, token)
    assert.equal(project.visibility, 'private')

    const changed = await patch(client, token, project.id, {
      name: ' Rotor dynamics ',
      description: 'Blade loads and flutter',
      visibility: 'public',
    })
    changed.assertStatus(200)
    assert.containsSubset(changed.body().data, {
      name: 'Rotor dynamics',
      description: 'Blade loads and flutter',
      isPublic: true,
      visibility: 'public',
      myRole: 'admin',
    })
    const shown = await client.get(`/api/v1/projects/${project.id}`).bearerToken(token)
    assert.containsSubset(shown.body().data, { name: 'Rotor dynamics', visibility: 'public' })

    const cleared = await patch(client, token, project.id, {
      description: null,
      isPublic: false,
    })
    cleared.assertStatus(200)
    assert.isNull(cleared.body().data.description)
    assert.equal(cleared.body().data.visibility, 'private')

    const audit = await withTenant(tenant.id, (trx) =>
      trx.from('tenant_audit_log').where('action', 'project.updated')
    )
    assert.lengthOf(audit, 2)
  })

  test('bad values are 422s naming the field, and nothing changes', async ({ client, assert }) => {
    const { token } = await makeTenant('project-settings-bad')
    const project = await makeProject(client, token)
    for (const [body, field] of [
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(256) }, 'name'],
      [{ description: 'x'.repeat(10_001) }, 'description'],
      [{ visibility: 'secret' }, 'visibility'],
      [{ visibility: 'public', isPublic: false }, 'visibility'],
      [{}, 'body'],
    ] as const) {
      const response = await patch(client, token, project.id, body)
      assert.equal(response.status(), 422, JSON.stringify(body))
      assert.equal(response.body().errors[0].field, field, JSON.stringify(body))
    }
    const shown = await client.get(`/api/v1/projects/${project.id}`).bearerToken(token)
    assert.containsSubset(shown.body().data, {
      name: 'Rotor',
      description: 'Blades',
      visibility: 'private',
    })
  })

  test('viewers may not edit; unknown projects are 404', async ({ client }) => {
    const { tenant, token } = await makeTenant('project-settings-role')
    const project = await makeProject(client, token)
    const viewer = await makeUser(tenant.id, 'member', 'Viewer')
    ;(
      await client
        .post(`/api/v1/projects/${project.id}/members`)
        .bearerToken(token)
        .json({ userId: viewer.user.id, role: 'viewer' })
    ).assertStatus(201)
    ;(await patch(client, viewer.token, project.id, { name: 'Mine' })).assertStatus(403)
    ;(
      await patch(client, token, '00000000-0000-4000-8000-000000000000', { name: 'Nope' })
    ).assertStatus(404)
  })
})
