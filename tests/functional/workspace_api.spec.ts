import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'

const fieldsOf = (response: any) =>
  response
    .body()
    .errors.map((error: any) => error.field)
    .sort()

async function programFor(client: any, token: string, name = 'Research') {
  const response = await client.post('/api/v1/programs').bearerToken(token).json({ name })
  response.assertStatus(201)
  return response.body().data
}

test.group('Programs and projects', () => {
  test('create, read, update, archive and delete a program', async ({ client, assert }) => {
    const { token } = await makeTenant('programs')
    const program = await programFor(client, token, 'Market Research')
    assert.equal(program.slug, 'market-research')

    const updated = await client
      .patch(`/api/v1/programs/${program.id}`)
      .bearerToken(token)
      .json({ description: 'All of it' })
    assert.equal(updated.body().data.description, 'All of it')

    ;(await client.post(`/api/v1/programs/${program.id}/archive`).bearerToken(token)).assertStatus(
      200
    )
    const active = await client.get('/api/v1/programs').bearerToken(token)
    assert.lengthOf(active.body().data, 0)
    const archived = await client.get('/api/v1/programs?archived=only').bearerToken(token)
    assert.equal(archived.body().data[0].id, program.id)

    ;(await client.delete(`/api/v1/programs/${program.id}`).bearerToken(token)).assertStatus(204)
    ;(await client.get(`/api/v1/programs/${program.id}`).bearerToken(token)).assertStatus(404)
  })

  test('bad input is a 422 naming each field, and writes nothing', async ({ client, assert }) => {
    const { token } = await makeTenant('invalid')
    const program = await client
      .post('/api/v1/programs')
      .bearerToken(token)
      .json({ slug: 'Not A Slug!' })
    program.assertStatus(422)
    assert.deepEqual(fieldsOf(program), ['name', 'slug'])

    const project = await client
      .post('/api/v1/projects')
      .bearerToken(token)
      .json({ programId: 'not-a-uuid', name: '' })
    project.assertStatus(422)
    assert.deepEqual(fieldsOf(project), ['name', 'programId'])

    const missingProgram = await client
      .post('/api/v1/projects')
      .bearerToken(token)
      .json({ programId: '00000000-0000-4000-8000-000000000000', name: 'Orphan' })
    missingProgram.assertStatus(422)
    assert.deepEqual(fieldsOf(missingProgram), ['programId'])

    const page = await client.get('/api/v1/projects?perPage=1000').bearerToken(token)
    page.assertStatus(422)
    assert.deepEqual(fieldsOf(page), ['perPage'])

    const listed = await client.get('/api/v1/programs').bearerToken(token)
    assert.lengthOf(listed.body().data, 0)
  })

  test('unknown ids are 404, malformed ids too', async ({ client }) => {
    const { token } = await makeTenant('unknown')
    const unknown = '00000000-0000-4000-8000-000000000000'
    ;(await client.get(`/api/v1/programs/${unknown}`).bearerToken(token)).assertStatus(404)
    ;(await client.get(`/api/v1/projects/${unknown}`).bearerToken(token)).assertStatus(404)
    ;(await client.get(`/api/v1/users/${unknown}`).bearerToken(token)).assertStatus(404)
    ;(await client.get('/api/v1/projects/123').bearerToken(token)).assertStatus(404)
  })

  test('a duplicate slug is refused with the field named', async ({ client, assert }) => {
    const { token } = await makeTenant('dupes')
    await programFor(client, token, 'Ops')
    const again = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'Ops' })
    again.assertStatus(422)
    assert.deepEqual(fieldsOf(again), ['slug'])
  })

  test('projects list pages, filter by program and hide archived ones', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('paging')
    const first = await programFor(client, token, 'First')
    const second = await programFor(client, token, 'Second')
    for (const name of ['a', 'b', 'c']) {
      await client.post('/api/v1/projects').bearerToken(token).json({ programId: first.id, name })
    }
    const other = await client
      .post('/api/v1/projects')
      .bearerToken(token)
      .json({ programId: second.id, name: 'z' })

    const page = await client
      .get(`/api/v1/projects?programId=${first.id}&perPage=2&page=2`)
      .bearerToken(token)
    assert.deepEqual(page.body().meta, { total: 3, perPage: 2, currentPage: 2, lastPage: 2 })
    assert.deepEqual(
      page.body().data.map((project: any) => project.name),
      ['c']
    )

    await client.post(`/api/v1/projects/${other.body().data.id}/archive`).bearerToken(token)
    const visible = await client.get(`/api/v1/projects?programId=${second.id}`).bearerToken(token)
    assert.lengthOf(visible.body().data, 0)
    const all = await client
      .get(`/api/v1/projects?programId=${second.id}&archived=include`)
      .bearerToken(token)
    assert.lengthOf(all.body().data, 1)
  })
})

test.group('Roles', () => {
  test('tenant members cannot create programs; editors can', async ({ client }) => {
    const { tenant } = await makeTenant('roles')
    const member = await makeUser(tenant.id, 'member')
    const editor = await makeUser(tenant.id, 'editor')
    ;(
      await client.post('/api/v1/programs').bearerToken(member.token).json({ name: 'X' })
    ).assertStatus(403)
    ;(
      await client.post('/api/v1/programs').bearerToken(editor.token).json({ name: 'X' })
    ).assertStatus(201)
    ;(await client.get('/api/v1/users').bearerToken(editor.token)).assertStatus(403)
    ;(await client.get('/api/v1/audit-log').bearerToken(member.token)).assertStatus(403)
  })

  test('project roles: viewers read, editors write, admins manage; outsiders see nothing', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('projroles')
    const program = await programFor(client, token)
    const project = (
      await client
        .post('/api/v1/projects')
        .bearerToken(token)
        .json({ programId: program.id, name: 'P' })
    ).body().data
    const viewer = await makeUser(tenant.id, 'member', 'Viewer')
    const editor = await makeUser(tenant.id, 'member', 'Writer')
    const outsider = await makeUser(tenant.id, 'member', 'Outsider')
    for (const [user, role] of [
      [viewer, 'viewer'],
      [editor, 'editor'],
    ] as const) {
      const added = await client
        .post(`/api/v1/projects/${project.id}/members`)
        .bearerToken(token)
        .json({ userId: user.user.id, role })
      added.assertStatus(201)
    }

    const url = `/api/v1/projects/${project.id}`
    ;(await client.get(url).bearerToken(viewer.token)).assertStatus(200)
    ;(await client.patch(url).bearerToken(viewer.token).json({ name: 'V' })).assertStatus(403)
    ;(await client.patch(url).bearerToken(editor.token).json({ name: 'E' })).assertStatus(200)
    ;(await client.post(`${url}/archive`).bearerToken(editor.token)).assertStatus(403)
    ;(await client.get(url).bearerToken(outsider.token)).assertStatus(404)

    const mine = await client.get('/api/v1/projects').bearerToken(outsider.token)
    assert.lengthOf(mine.body().data, 0)
    const theirs = await client.get('/api/v1/projects').bearerToken(viewer.token)
    assert.equal(theirs.body().data[0].id, project.id)
  })
})

test.group('Memberships', () => {
  test('add, change role and remove members; the last admin stays', async ({ client, assert }) => {
    const { tenant, token, admin } = await makeTenant('members')
    const program = await programFor(client, token)
    const project = (
      await client
        .post('/api/v1/projects')
        .bearerToken(token)
        .json({ programId: program.id, name: 'P' })
    ).body().data
    const members = `/api/v1/projects/${project.id}/members`
    const colleague = await makeUser(tenant.id, 'member', 'Colleague')

    const added = await client
      .post(members)
      .bearerToken(token)
      .json({ userId: colleague.user.id, role: 'viewer' })
    added.assertStatus(201)
    assert.equal(added.body().data.role, 'viewer')

    const twice = await client
      .post(members)
      .bearerToken(token)
      .json({ userId: colleague.user.id, role: 'viewer' })
    twice.assertStatus(422)
    assert.deepEqual(fieldsOf(twice), ['userId'])

    const stranger = await client
      .post(members)
      .bearerToken(token)
      .json({ userId: '00000000-0000-4000-8000-000000000000', role: 'bogus' })
    stranger.assertStatus(422)
    assert.deepEqual(fieldsOf(stranger), ['role'])

    ;(await client.delete(`${members}/${admin.id}`).bearerToken(token)).assertStatus(409)
    ;(
      await client.patch(`${members}/${admin.id}`).bearerToken(token).json({ role: 'viewer' })
    ).assertStatus(409)

    const promoted = await client
      .patch(`${members}/${colleague.user.id}`)
      .bearerToken(token)
      .json({ role: 'admin' })
    assert.equal(promoted.body().data.role, 'admin')
    ;(await client.delete(`${members}/${admin.id}`).bearerToken(token)).assertStatus(204)

    const listed = await client.get(members).bearerToken(colleague.token)
    assert.deepEqual(
      listed.body().data.map((member: any) => [member.fullName, member.role]),
      [['Colleague', 'admin']]
    )

    // Someone who is not (or no longer) a member is an unknown sub-resource: 404, not 204.
    const outsider = await makeUser(tenant.id, 'member', 'Outsider')
    for (const userId of [admin.id, outsider.user.id, '00000000-0000-4000-8000-000000000000']) {
      ;(await client.delete(`${members}/${userId}`).bearerToken(colleague.token)).assertStatus(404)
      ;(
        await client
          .patch(`${members}/${userId}`)
          .bearerToken(colleague.token)
          .json({ role: 'viewer' })
      ).assertStatus(404)
    }
  })
})

test.group('Users', () => {
  test('admins create, search, change role and deactivate users', async ({ client, assert }) => {
    const { token, admin } = await makeTenant('users')
    const created = await client.post('/api/v1/users').bearerToken(token).json({
      email: 'Grace@Example.test',
      fullName: 'Grace Hopper',
      password: 'a long enough password',
      role: 'editor',
    })
    created.assertStatus(201)
    assert.equal(created.body().data.email, 'grace@example.test')
    const grace = created.body().data

    const duplicate = await client.post('/api/v1/users').bearerToken(token).json({
      email: 'grace@example.test',
      fullName: 'Grace Again',
      password: 'a long enough password',
    })
    duplicate.assertStatus(422)
    assert.deepEqual(fieldsOf(duplicate), ['email'])

    const bad = await client
      .post('/api/v1/users')
      .bearerToken(token)
      .json({ email: 'x', password: 'short' })
    assert.deepEqual(fieldsOf(bad), ['email', 'fullName', 'password'])

    const found = await client.get('/api/v1/users?search=hopp').bearerToken(token)
    assert.deepEqual(
      found.body().data.map((user: any) => user.id),
      [grace.id]
    )

    const role = await client
      .patch(`/api/v1/users/${grace.id}`)
      .bearerToken(token)
      .json({ role: 'admin' })
    assert.equal(role.body().data.role, 'admin')
    ;(await client.post(`/api/v1/users/${grace.id}/deactivate`).bearerToken(token)).assertStatus(
      200
    )
    ;(await client.post(`/api/v1/users/${admin.id}/deactivate`).bearerToken(token)).assertStatus(
      409
    )

    const deactivated = await client.get('/api/v1/users?status=deactivated').bearerToken(token)
    assert.deepEqual(
      deactivated.body().data.map((user: any) => user.id),
      [grace.id]
    )
  })
})

test.group('Audit log', () => {
  test('records every significant change, filterable by actor, action and date', async ({
    client,
    assert,
  }) => {
    const { tenant, token, admin } = await makeTenant('audit')
    const editor = await makeUser(tenant.id, 'editor', 'Auditor')
    const program = await programFor(client, token)
    await client
      .post('/api/v1/projects')
      .bearerToken(editor.token)
      .json({ programId: program.id, name: 'Q' })

    const all = await client.get('/api/v1/audit-log').bearerToken(token)
    const actions = all.body().data.map((entry: any) => entry.action)
    assert.includeMembers(actions, ['tenant.created', 'program.created', 'project.created'])

    const byEditor = await client
      .get(`/api/v1/audit-log?actorId=${editor.user.id}`)
      .bearerToken(token)
    assert.deepEqual(
      byEditor.body().data.map((entry: any) => entry.action),
      ['project.created']
    )
    assert.equal(byEditor.body().data[0].actor.name, 'Auditor')
    assert.equal(byEditor.body().data[0].label, 'Project created')

    const programs = await client.get('/api/v1/audit-log?action=program').bearerToken(token)
    assert.isAbove(programs.body().data.length, 0)
    assert.isTrue(programs.body().data.every((entry: any) => entry.action.startsWith('program.')))
    assert.equal(programs.body().data[0].actor.id, admin.id)

    const future = await client.get('/api/v1/audit-log?from=2999-01-01').bearerToken(token)
    assert.lengthOf(future.body().data, 0)

    const paged = await client.get('/api/v1/audit-log?perPage=1').bearerToken(token)
    assert.equal(paged.body().meta.perPage, 1)
    assert.isAbove(paged.body().meta.total, 2)

    const badDate = await client.get('/api/v1/audit-log?from=yesterday').bearerToken(token)
    badDate.assertStatus(422)
    assert.deepEqual(fieldsOf(badDate), ['from'])
  })
})
