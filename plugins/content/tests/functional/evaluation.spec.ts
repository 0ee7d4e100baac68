import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import { makeTenant, makeUser, PASSWORD } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'
import { withTenant } from '#tenancy/with_tenant'
import { loadJsonSet } from '../../services/evaluation/dataset.js'
import { evaluateRetrieval } from '../../services/evaluation/evaluate.js'
import { scoreRanking } from '../../services/evaluation/metrics.js'
import { addText, makeProject } from './helpers.js'

/** Follows a background evaluation job until it ends (or the deadline passes). */
async function jobWhenFinished(client: any, token: string, jobId: string) {
  const deadline = Date.now() + 60_000
  for (;;) {
    const response = await client
      .get(`/api/v1/content/evaluations/jobs/${jobId}`)
      .bearerToken(token)
    response.assertStatus(200)
    const job = response.body().data
    if (job.status === 'done' || job.status === 'failed' || Date.now() > deadline) return job
    await sleep(100)
  }
}

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
    const { results } = await evaluateRetrieval({ tenant: tenant.slug, set })

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

  test('reads the Cranfield format', async ({ assert }) => {
    const { loadCranfield } = await import('../../services/evaluation/dataset.js')
    // The collection's first records, shipped with the tests (the full set is not in the repository).
    const set = await loadCranfield(app.makePath('plugins/content/tests/fixtures/cranfield_sample'))
    assert.deepEqual(
      set.documents.map((document) => document.id),
      ['1', '2', '3']
    )
    assert.equal(
      set.documents[0].title,
      'experimental investigation of the aerodynamics of a wing in a slipstream.'
    )
    assert.match(set.documents[1].text, /^simple shear flow past a flat plate/)
    // Queries are numbered by position (the file's .I 001, 002, 004 become 1, 2, 3).
    assert.deepEqual(
      set.queries.map((query) => query.id),
      ['1', '2', '3']
    )
    assert.match(set.queries[2].text, /^what problems of heat conduction in composite slabs/)
    // Gain is 5 − code; code −1 is not a judgement.
    assert.equal(set.judgements.get('1')?.get('184'), 3)
    assert.equal(set.judgements.get('1')?.get('12'), 2)
    assert.equal(set.judgements.get('2')?.get('12'), 4)
    assert.isFalse(set.judgements.get('1')!.has('486'))
  })
})

test.group('Retrieval evaluation in the console', () => {
  test('an admin uploads a labelled set; it runs as a background job and the console page shows the figures', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('evalpage')
    const member = await makeUser(tenant.id, 'member', 'Curious')
    const fixture = app.makePath('plugins/content/tests/fixtures/tiny_set.json')

    // Another tenant has an upload waiting for ingestion: the job must leave it alone.
    const other = await makeTenant('bystander')
    const otherProject = await makeProject(client, other.token)
    const waiting = await addText(client, other.token, otherProject, 'Waiting', '# Not yet indexed')

    const refused = await client
      .post('/api/v1/content/evaluations')
      .bearerToken(member.token)
      .file('set', fixture)
    refused.assertStatus(403)
    const noFile = await client.post('/api/v1/content/evaluations').bearerToken(token)
    noFile.assertStatus(422)

    const started = Date.now()
    const run = await client
      .post('/api/v1/content/evaluations')
      .bearerToken(token)
      .file('set', fixture)
    run.assertStatus(202)
    assert.isBelow(Date.now() - started, 3_000)
    const { jobId, status, dataset } = run.body().data
    assert.equal(dataset, 'tiny')
    assert.equal(status, 'queued', 'the request answered before the job ran')
    assert.equal(run.header('location'), `/api/v1/content/evaluations/jobs/${jobId}`)

    const job = await jobWhenFinished(client, token, jobId)
    assert.equal(job.status, 'done', job.error ?? undefined)
    assert.equal(job.progress, 100)
    assert.isString(job.evaluationId)

    const listed = await client.get('/api/v1/content/evaluations').bearerToken(token)
    const entry = listed.body().data.find((row: any) => row.id === job.evaluationId)
    assert.equal(entry.status, 'done')
    assert.equal(entry.queries, 2)
    assert.lengthOf(entry.results, 5)

    // The bystander's event is still pending: no chunks, its ingestion not run.
    await withTenant(other.tenant.id, async (trx) => {
      const chunks = await trx.from('content_chunks').where('content_item_id', waiting)
      assert.lengthOf(chunks, 0)
      const runs = await trx.from('ingestion_runs').where('content_item_id', waiting)
      assert.deepEqual(
        runs.map((row) => row.status),
        ['pending']
      )
    })

    // Another tenant's admin cannot follow this job.
    const foreign = await client
      .get(`/api/v1/content/evaluations/jobs/${jobId}`)
      .bearerToken(other.token)
    foreign.assertStatus(404)

    const browser = new BrowserSession()
    await browser.page('/login')
    await browser.request('POST', '/api/v1/auth/login', {
      workspace: tenant.slug,
      email: admin.email,
      password: PASSWORD,
    })
    const { status: pageStatus, html } = await browser.page('/admin/ext/content/evaluations')
    assert.equal(pageStatus, 200)
    assert.match(html, /<h1[^>]*>(?:<[^>]+>)*Retrieval evaluation(?:<[^>]+>)*<\/h1>/)
    assert.include(html, 'baseline: BM25')
    assert.include(html, 'data-evaluation="tiny"')
  })

  test('a set that cannot run is refused with the field named', async ({ client, assert }) => {
    const { token } = await makeTenant('evalbad')
    const broken = await client
      .post('/api/v1/content/evaluations')
      .bearerToken(token)
      .file('set', Buffer.from('{"documents": []}'), { filename: 'broken.json' })
    broken.assertStatus(422)
    assert.equal(broken.body().errors[0].field, 'set')
    const longName = await client
      .post('/api/v1/content/evaluations')
      .bearerToken(token)
      .file(
        'set',
        Buffer.from(
          JSON.stringify({ name: 'n'.repeat(200), documents: [], queries: [], judgements: [] })
        ),
        { filename: 'long.json' }
      )
    longName.assertStatus(422)
    assert.match(longName.body().errors[0].message, /name/)
  })
  test('a job whose process died shows as failed, not running forever', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('evaldied')
    const source = { name: 'lost', documents: [], queries: [], judgements: [] }
    const [lost] = await withTenant(tenant.id, (trx) =>
      trx
        .table('evaluation_jobs')
        .insert({
          tenant_id: tenant.id,
          dataset: 'lost',
          labelled_set: JSON.stringify(source),
          document_count: 0,
          query_count: 0,
          status: 'running',
          created_by: admin.id,
          updated_at: new Date(Date.now() - 11 * 60_000),
        })
        .returning('id')
    )
    const response = await client
      .get(`/api/v1/content/evaluations/jobs/${lost.id}`)
      .bearerToken(token)
    response.assertStatus(200)
    assert.equal(response.body().data.status, 'failed')
    assert.match(response.body().data.error, /interrupted/)
    const listed = await client.get('/api/v1/content/evaluations').bearerToken(token)
    assert.deepEqual(
      listed.body().data.map((row: any) => [row.id, row.status]),
      [[lost.id, 'failed']]
    )
  })
})
