import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { addText, makeProject } from './helpers.js'

const group = (response: any, label: string) =>
  response.body().data.find((entry: any) => entry.label === label)

test.group('Command palette', () => {
  test('finds projects and documents by name, only those the member may see', async ({
    client,
    assert,
  }) => {
    const { tenant, token: adminToken } = await makeTenant('palette')
    const visible = await makeProject(client, adminToken, 'Meridian survey')
    const hidden = await makeProject(client, adminToken, 'Meridian secrets')
    await addText(client, adminToken, visible, 'Meridian field notes', 'Notes from the survey.')
    await addText(client, adminToken, hidden, 'Meridian payroll', 'Confidential.')
    const { user: member, token: memberToken } = await makeUser(tenant.id, 'member', 'Pat Palette')
    await client
      .post(`/api/v1/projects/${visible}/members`)
      .bearerToken(adminToken)
      .json({ userId: member.id, role: 'viewer' })
      .then((response: any) => response.assertStatus(201))

    // Another tenant with the same words sees none of this tenant's things, nor they its.
    const other = await makeTenant('palette-other')
    const foreign = await makeProject(client, other.token, 'Meridian abroad')
    await addText(client, other.token, foreign, 'Meridian foreign memo', 'Elsewhere.')

    const response = await client.get('/api/v1/palette?q=meridian').bearerToken(memberToken)
    response.assertStatus(200)
    const projects = group(response, 'Projects')
    const documents = group(response, 'Documents')
    assert.deepEqual(
      projects.entries.map((entry: any) => entry.title),
      ['Meridian survey']
    )
    assert.equal(projects.entries[0].href, `/app/projects/${visible}`)
    assert.deepEqual(
      documents.entries.map((entry: any) => entry.title),
      ['Meridian field notes']
    )
    assert.match(
      documents.entries[0].href,
      new RegExp(`^/app/projects/${visible}/tabs/content/library\\?item=`)
    )
    assert.equal(documents.entries[0].description, 'Meridian survey')

    // The admin sees both projects and both documents of the tenant, never the other tenant's.
    const admin = await client.get('/api/v1/palette?q=meridian').bearerToken(adminToken)
    const adminTitles = admin
      .body()
      .data.flatMap((entry: any) => entry.entries.map((e: any) => e.title))
    assert.sameMembers(adminTitles, [
      'Meridian survey',
      'Meridian secrets',
      'Meridian field notes',
      'Meridian payroll',
    ])
  })

  test('nothing matching gives no groups; an empty query is refused with the field named', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('palette-empty')
    await makeProject(client, token, 'Harbour')
    const none = await client.get('/api/v1/palette?q=zzqxv').bearerToken(token)
    none.assertStatus(200)
    assert.deepEqual(none.body().data, [])

    const empty = await client.get('/api/v1/palette?q=').bearerToken(token)
    empty.assertStatus(422)
    assert.equal(empty.body().errors[0].field, 'q')
  })
})
