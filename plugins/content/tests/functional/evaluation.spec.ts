import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { makeTenant, makeUser, PASSWORD } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'
import { withTenant } from '#tenancy/with_tenant'
import { loadJsonSet } from '../../services/evaluation/dataset.js'
import { evaluateRetrieval } from '../../services/evaluation/evaluate.js'
import { scoreRanking } from '../../services/evaluation/metrics.js'

test.group('Retrieval evaluation', () => {
  test('metrics follow their definitions', ({ assert }) => {
    const gains = new Map([
      ['a', 3],
      ['b', 1],
    ])
    const perfect = scoreRanking(['a', 'b', 'x'], gains, 1)
    assert.deepEqual(perfect, { recall: 1, reciprocalRank: 1, ndcg: 1 })
    const late = scoreRanking(['x', 'y', 'b'], gains, 1)
    assert.equal(late.recall, 0.5)
    assert.closeTo(late.reciprocalRank, 1 / 3, 1e-9)
    assert.isBelow(late.ndcg, 0.2)
    assert.deepEqual(scoreRanking(['x'], gains, 1), { recall: 0, reciprocalRank: 0, ndcg: 0 })
  })

  test('indexes a labelled set through the content pipeline and scores every mode and baseline', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('evaluation')
    const set = await loadJsonSet(app.makePath('plugins/content/tests/fixtures/tiny_set.json'))
    const results = await evaluateRetrieval({ tenant: tenant.slug, set })

    assert.deepEqual(
      results.map((row) => row.mode),
      ['fulltext', 'semantic', 'hybrid', 'baseline: ts_rank', 'baseline: BM25']
    )
    for (const row of results) {
      assert.equal(row.recallAt10, 1, `${row.mode} missed a relevant document`)
      assert.isAtLeast(row.mrrAt10, 0.5)
      assert.isAbove(row.ndcgAt10, 0)
    }

    // A second run reuses the imported documents.
    await evaluateRetrieval({ tenant: tenant.slug, set, queryLimit: 1 })
    const items = await withTenant(tenant.id, (trx) =>
      trx.from('content_items').whereNull('deleted_at')
    )
    assert.lengthOf(items, 4)
  })

  test('reads the Cranfield collection', async ({ assert }) => {
    const { loadCranfield } = await import('../../services/evaluation/dataset.js')
    const set = await loadCranfield(app.makePath('../shared/data/cranfield'))
    assert.lengthOf(set.documents, 1400)
    assert.lengthOf(set.queries, 225)
    assert.equal(
      set.documents[0].title,
      'experimental investigation of the aerodynamics of a wing in a slipstream.'
    )
    assert.equal(set.judgements.get('1')?.get('184'), 3)
  })
})

test.group('Retrieval evaluation in the console', () => {
  test('an admin uploads a labelled set, it runs, and the console page shows the figures', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('evalpage')
    const member = await makeUser(tenant.id, 'member', 'Curious')
    const fixture = app.makePath('plugins/content/tests/fixtures/tiny_set.json')

    const refused = await client
      .post('/api/v1/content/evaluations')
      .bearerToken(member.token)
      .file('set', fixture)
    refused.assertStatus(403)
    const noFile = await client.post('/api/v1/content/evaluations').bearerToken(token)
    noFile.assertStatus(422)

    const run = await client
      .post('/api/v1/content/evaluations')
      .bearerToken(token)
      .file('set', fixture)
    run.assertStatus(201)
    assert.equal(run.body().data.dataset, 'tiny')
    assert.lengthOf(run.body().data.results, 5)

    const listed = await client.get('/api/v1/content/evaluations').bearerToken(token)
    assert.equal(listed.body().data[0].queries, 2)

    const browser = new BrowserSession()
    await browser.page('/login')
    await browser.request('POST', '/api/v1/auth/login', {
      workspace: tenant.slug,
      email: admin.email,
      password: PASSWORD,
    })
    const { status, html } = await browser.page('/admin/ext/content/evaluations')
    assert.equal(status, 200)
    assert.include(html, '<h1>Retrieval evaluation</h1>')
    assert.include(html, 'baseline: BM25')
    assert.include(html, 'data-evaluation="tiny"')
  })
})
