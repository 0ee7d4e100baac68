import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withTenant } from '#tenancy/with_tenant'
import { makeEventWorker } from '#events/make_worker'
import { seedDemoWorkspace } from '#database/seeders/demo_workspace_seeder'
import { DEMO_DOCUMENTS } from '#plugins/content/services/demo_documents'

/* The development start's demo workspace: an admin, a program, a project and sample documents. */
test.group('Demo workspace seed', () => {
  test('creates a workspace with a program, a project and indexed sample documents, once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const slug = `demo-${randomUUID().slice(0, 8)}`
    const email = `admin@${slug}.test`
    const credentialsFile = join(tmpdir(), `${slug}-credentials.txt`)
    cleanup(() => rm(credentialsFile, { force: true }))
    const quiet = () => {}

    const first = await seedDemoWorkspace({ slug, email, credentialsFile, log: quiet })
    assert.equal(first.added, DEMO_DOCUMENTS.length)
    assert.equal((await stat(credentialsFile)).mode & 0o777, 0o600)
    const password = (await readFile(credentialsFile, 'utf8')).match(/password:\s+(\S+)/)![1]

    const signIn = await client
      .post('/api/v1/auth/tokens')
      .json({ workspace: slug, email, password, name: 'demo test' })
    signIn.assertStatus(201)
    const token: string = signIn.body().token

    const projects = await client.get('/api/v1/projects').bearerToken(token)
    assert.deepEqual(
      projects.body().data.map((project: any) => project.name),
      ['Handbook']
    )
    const projectId = projects.body().data[0].id
    const items = await client
      .get(`/api/v1/content/items?projectId=${projectId}`)
      .bearerToken(token)
    assert.sameMembers(
      items.body().data.map((item: any) => item.originalFilename),
      DEMO_DOCUMENTS.map((document) => document.filename)
    )
    assert.sameMembers(
      items.body().data.map((item: any) => item.type),
      ['markdown', 'markdown', 'code']
    )

    // The worker chunks and indexes them: Markdown by its headings.
    await (await makeEventWorker()).runUntilIdle()
    const chunks = await withTenant(first.tenantId, (trx) =>
      trx
        .from('content_chunks as c')
        .join('content_items as i', 'i.id', 'c.content_item_id')
        .select('i.original_filename', 'c.heading')
    )
    const welcomeHeadings = chunks
      .filter((chunk) => chunk.original_filename === 'welcome.md')
      .map((chunk) => chunk.heading)
    assert.isAbove(welcomeHeadings.length, 1)
    // Each passage carries the heading it starts under.
    assert.isTrue(welcomeHeadings.every((heading) => typeof heading === 'string' && heading))
    assert.notDeepEqual(new Set(welcomeHeadings), new Set([welcomeHeadings[0]]))
    for (const document of DEMO_DOCUMENTS) {
      assert.isTrue(
        chunks.some((chunk) => chunk.original_filename === document.filename),
        document.filename
      )
    }
    const found = await client
      .get('/api/v1/search?q=exponential%20backoff&mode=fulltext')
      .bearerToken(token)
    found.assertStatus(200)
    assert.include(JSON.stringify(found.body().data), 'retry.ts')

    // Again: nothing is duplicated, the credentials stay as they were.
    const again = await seedDemoWorkspace({ slug, email, credentialsFile, log: quiet })
    assert.equal(again.tenantId, first.tenantId)
    assert.equal(again.added, 0)
    const counts = await withTenant(first.tenantId, async (trx) => ({
      programs: Number((await trx.from('programs').count('* as n').first())?.n),
      projects: Number((await trx.from('projects').count('* as n').first())?.n),
      items: Number((await trx.from('content_items').count('* as n').first())?.n),
      users: Number((await trx.from('users').count('* as n').first())?.n),
    }))
    assert.deepEqual(counts, { programs: 1, projects: 1, items: DEMO_DOCUMENTS.length, users: 1 })
    assert.include(await readFile(credentialsFile, 'utf8'), password)
  })
})
