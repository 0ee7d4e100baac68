import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { withTenant } from '#tenancy/with_tenant'
import { ingestVersion } from '../../services/ingestion.js'
import { addText, ingestAll, makeProject } from './helpers.js'

const titles = (response: any) => response.body().data.map((hit: any) => hit.title)

test.group('Search', (group) => {
  let token: string
  let tenantId: string
  group.setup(async () => {
    const { tenant, token: adminToken } = await makeTenant('search')
    token = adminToken
    tenantId = tenant.id
  })

  /**
   * The "Aero" project and its three notes, ingested: made by whichever test
   * needs it first, so each test also runs alone and in any order.
   */
  let aeroProject: Promise<string> | undefined
  const aero = (client: any) => (aeroProject ??= seedAero(client))
  async function seedAero(client: any) {
    const id = await makeProject(client, token, 'Aero')
    await addText(
      client,
      token,
      id,
      'Boundary layer notes',
      'Transition of the boundary layer on a flat plate depends on the Reynolds number.'
    )
    await addText(
      client,
      token,
      id,
      'Wing flutter',
      'Flutter of a swept wing was observed in the wind tunnel at transonic speeds.'
    )
    await addText(
      client,
      token,
      id,
      'Heat transfer',
      'Heat transfer to a cone in hypersonic flow was measured.'
    )
    await ingestAll()
    return id
  }

  test('full-text search ranks and highlights; fuzzy search forgives typos in titles', async ({
    client,
    assert,
  }) => {
    const projectId = await aero(client)

    const fulltext = await client
      .get('/api/v1/search?q=boundary%20layer&mode=fulltext')
      .bearerToken(token)
    fulltext.assertStatus(200)
    assert.equal(titles(fulltext)[0], 'Boundary layer notes')
    assert.include(fulltext.body().data[0].passages[0].snippet, '<mark>boundary</mark>')
    assert.containsSubset(fulltext.body().data[0], { contentType: 'markdown', projectId })

    // The passages, flat: `group=chunk`.
    const flat = await client
      .get('/api/v1/search?q=boundary%20layer&mode=fulltext&group=chunk')
      .bearerToken(token)
    assert.equal(flat.body().meta.group, 'chunk')
    assert.include(flat.body().data[0].snippet, '<mark>boundary</mark>')
    assert.isString(flat.body().data[0].chunkId)

    // `title` is the fuzzy title search; `fuzzy` its older name.
    for (const mode of ['title', 'fuzzy']) {
      const fuzzy = await client.get(`/api/v1/search?q=flutterr&mode=${mode}`).bearerToken(token)
      assert.equal(fuzzy.body().meta.mode, 'title')
      assert.equal(titles(fuzzy)[0], 'Wing flutter')
    }

    const semantic = await client
      .get('/api/v1/search?q=hypersonic%20cone%20heating&mode=semantic&group=chunk')
      .bearerToken(token)
    assert.equal(titles(semantic)[0], 'Heat transfer')
    assert.isAbove(semantic.body().data[0].score, 0)

    const hybrid = await client.get('/api/v1/search?q=swept%20wing%20tunnel').bearerToken(token)
    assert.equal(hybrid.body().meta.mode, 'hybrid')
    assert.equal(hybrid.body().meta.group, 'item')
    assert.equal(titles(hybrid)[0], 'Wing flutter')
  })

  test('filters by project, type and tag, and pages', async ({ client, assert }) => {
    await aero(client)
    const other = await makeProject(client, token, 'Other')
    const codeId = await addText(
      client,
      token,
      other,
      'Solver',
      'function solveBoundaryLayer() { return 1 }',
      'code'
    )
    await addText(
      client,
      token,
      other,
      'Layer guide',
      'Each boundary layer guide covers one layer.',
      'text'
    )
    await ingestAll()

    const inProject = await client
      .get(`/api/v1/search?q=layer&mode=fulltext&projectId=${other}`)
      .bearerToken(token)
    assert.isAbove(inProject.body().data.length, 0)
    assert.isTrue(inProject.body().data.every((hit: any) => hit.projectId === other))

    // Identifiers are indexed as words too: "boundary" is evidence in solveBoundaryLayer.
    const code = await client
      .get('/api/v1/search?q=boundary&mode=semantic&types[]=code')
      .bearerToken(token)
    assert.deepEqual([...new Set(code.body().data.map((hit: any) => hit.contentType))], ['code'])

    const tag = await client
      .post(`/api/v1/content/projects/${other}/tags`)
      .bearerToken(token)
      .json({ name: 'Solvers', color: '#aa3300' })
    tag.assertStatus(201)
    ;(
      await client
        .post(`/api/v1/content/items/${codeId}/tags`)
        .bearerToken(token)
        .json({ tagId: tag.body().data.id })
    ).assertStatus(204)
    const tagged = await client
      .get(`/api/v1/search?q=boundary&mode=hybrid&tagIds[]=${tag.body().data.id}`)
      .bearerToken(token)
    assert.deepEqual([...new Set(titles(tagged))], ['Solver'])

    const first = await client
      .get('/api/v1/search?q=layer&mode=fulltext&perPage=1&page=1&group=chunk')
      .bearerToken(token)
    const second = await client
      .get('/api/v1/search?q=layer&mode=fulltext&perPage=1&page=2&group=chunk')
      .bearerToken(token)
    assert.lengthOf(first.body().data, 1)
    assert.notEqual(first.body().data[0].chunkId, second.body().data[0].chunkId)

    const bad = await client.get('/api/v1/search?mode=psychic').bearerToken(token)
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().errors.map((error: any) => error.field),
      ['q', 'mode']
    )
  })

  test('members find only what their projects hold', async ({ client, assert }) => {
    const projectId = await aero(client)
    const { user, token: memberToken } = await makeUser(tenantId, 'member', 'Searcher')
    const mine = await makeProject(client, token, 'Mine')
    await client
      .post(`/api/v1/projects/${mine}/members`)
      .bearerToken(token)
      .json({ userId: user.id, role: 'viewer' })
    await addText(client, token, mine, 'Visible memo', 'A memo about compressor stall.', 'text')
    await ingestAll()
    const found = await client
      .get('/api/v1/search?q=memo%20compressor%20stall%20boundary')
      .bearerToken(memberToken)
    assert.isAbove(found.body().data.length, 0)
    assert.isTrue(found.body().data.every((hit: any) => hit.projectId === mine))
    const forbidden = await client
      .get(`/api/v1/search?q=layer&projectId=${projectId}`)
      .bearerToken(memberToken)
    forbidden.assertStatus(404)
  })

  test('a version is ingested at most once', async ({ client, assert }) => {
    const projectId = await aero(client)
    const id = await addText(client, token, projectId, 'Once', 'Ingest me once.', 'text')
    await ingestAll()
    const count = () =>
      withTenant(tenantId, async (trx) => {
        const row = await trx
          .from('content_chunks')
          .where('content_item_id', id)
          .count('* as total')
          .first()
        return Number(row.total)
      })
    const before = await count()
    await withTenant(tenantId, (trx) =>
      ingestVersion(trx, tenantId, id, 1, {
        chunkTokens: 10,
        chunkOverlap: 0,
        embeddingProvider: 'hashing-256',
      })
    )
    assert.isAbove(before, 0)
    assert.equal(await count(), before)
  })

  test('tags: unique per project, counted, filterable', async ({ client, assert }) => {
    const project = await makeProject(client, token, 'Tagged')
    const a = await addText(client, token, project, 'One', 'one', 'text')
    await addText(client, token, project, 'Two', 'two', 'text')
    const tag = await client
      .post(`/api/v1/content/projects/${project}/tags`)
      .bearerToken(token)
      .json({ name: 'Draft' })
    const again = await client
      .post(`/api/v1/content/projects/${project}/tags`)
      .bearerToken(token)
      .json({ name: 'draft' })
    again.assertStatus(422)
    await client
      .post(`/api/v1/content/items/${a}/tags`)
      .bearerToken(token)
      .json({ tagId: tag.body().data.id })
    const cloud = await client.get(`/api/v1/content/projects/${project}/tags`).bearerToken(token)
    assert.deepEqual(
      cloud.body().data.map((entry: any) => [entry.name, entry.count]),
      [['Draft', 1]]
    )
    const listed = await client
      .get(`/api/v1/content/items?tagId=${tag.body().data.id}`)
      .bearerToken(token)
    assert.deepEqual(
      listed.body().data.map((item: any) => item.title),
      ['One']
    )
    ;(
      await client
        .delete(`/api/v1/content/items/${a}/tags/${tag.body().data.id}`)
        .bearerToken(token)
    ).assertStatus(204)
    const after = await client.get(`/api/v1/content/projects/${project}/tags`).bearerToken(token)
    assert.equal(after.body().data[0].count, 0)
    // Untagging again: the tag is no longer on the item, an unknown sub-resource.
    ;(
      await client
        .delete(`/api/v1/content/items/${a}/tags/${tag.body().data.id}`)
        .bearerToken(token)
    ).assertStatus(404)
  })
})

test.group('Search configuration', () => {
  test('admins set the hybrid weights, validated; hybrid search follows them', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('weights')
    const member = await makeUser(tenant.id, 'member', 'Weigher')
    const defaults = await client.get('/api/v1/content/search-configuration').bearerToken(token)
    assert.deepEqual(defaults.body().data, { fulltextWeight: 1, semanticWeight: 1, rrfK: 60 })

    const bad = await client
      .put('/api/v1/content/search-configuration')
      .bearerToken(token)
      .json({ rrfK: 0, semanticWeight: -1 })
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().errors.map((error: any) => error.field),
      ['rrfK', 'semanticWeight']
    )
    ;(
      await client
        .put('/api/v1/content/search-configuration')
        .bearerToken(member.token)
        .json({ rrfK: 10 })
    ).assertStatus(403)

    const saved = await client
      .put('/api/v1/content/search-configuration')
      .bearerToken(token)
      .json({ semanticWeight: 0 })
    assert.deepEqual(saved.body().data, { fulltextWeight: 1, semanticWeight: 0, rrfK: 60 })

    // With the semantic list weighted zero, hybrid ranks exactly as full-text does.
    const projectId = await makeProject(client, token, 'Weights')
    await addText(client, token, projectId, 'Alpha', 'alpha beta gamma', 'text')
    await addText(client, token, projectId, 'Beta', 'beta beta delta', 'text')
    await addText(client, token, projectId, 'Gamma', 'gamma epsilon', 'text')
    await ingestAll()
    const hybrid = await client.get('/api/v1/search?q=beta&mode=hybrid').bearerToken(token)
    const fulltext = await client.get('/api/v1/search?q=beta&mode=fulltext').bearerToken(token)
    assert.deepEqual(titles(hybrid), titles(fulltext))
  })
})
