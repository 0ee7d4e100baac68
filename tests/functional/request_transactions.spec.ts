import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import vite from '@adonisjs/vite/services/main'
import { actionContextFor } from '#tenancy/action_context'
import { destroyContent } from '#plugins/content/services/content_service'
import { makeTenant, makeUser, PASSWORD } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'
import { startS3Server } from '#tests/helpers/s3_server'
import {
  afterCommit,
  NestedTenantTransactionError,
  withRequestTenant,
  withSavepoint,
  withTenant,
} from '#tenancy/with_tenant'

/** Sessions of this database sitting in an open transaction right now. */
async function openTransactions() {
  const { rows } = await db.rawQuery(
    `select count(*)::int as open from pg_stat_activity
      where datname = current_database() and state like 'idle in transaction%'`
  )
  return rows[0].open as number
}

test.group('Request transactions', () => {
  test('a page request commits its tenant transaction before the page is server-rendered', async ({
    assert,
    cleanup,
  }) => {
    const { tenant, admin } = await makeTenant('ssrcommit')
    const browser = new BrowserSession()
    await browser.signIn(tenant.slug, admin.email)

    // Every server render loads the SSR entry module first: look at the database then.
    const seen: number[] = []
    const load = vite.loadServerModule
    vite.loadServerModule = async function (this: typeof vite, ...args: any[]) {
      seen.push(await openTransactions())
      return (load as any).apply(this, args)
    } as typeof load
    cleanup(() => {
      vite.loadServerModule = load
    })

    const { status, html } = await browser.page('/admin')
    assert.equal(status, 200)
    assert.match(
      html,
      /<h1[^>]*>(?:<[^>]+>)*Dashboard(?:<[^>]+>)*<\/h1>/,
      'the page carries the props loaded in the transaction'
    )
    assert.include(html, 'data-server-rendered="true"')
    assert.deepEqual(seen, [0], 'one render, with no transaction open')

    // A member's 403 page (sent by a middleware, not a controller) renders after commit too.
    const { user: member } = await makeUser(tenant.id, 'member', 'Visitor')
    const visitor = new BrowserSession()
    await visitor.page('/login')
    await visitor.request('POST', '/api/v1/auth/login', {
      workspace: tenant.slug,
      email: member.email,
      password: PASSWORD,
    })
    seen.length = 0
    const forbidden = await visitor.page('/admin/users')
    assert.equal(forbidden.status, 403)
    assert.include(forbidden.html, 'workspace admins')
    assert.deepEqual(seen, [0])
  })

  test('withTenant refuses to open a second transaction inside a request', async ({ assert }) => {
    const { tenant } = await makeTenant('nested')
    let innerRan = false
    await assert.rejects(
      () =>
        withRequestTenant(tenant.id, async () => {
          await withTenant(tenant.id, async () => {
            innerRan = true
          })
        }),
      NestedTenantTransactionError
    )
    assert.isFalse(innerRan)
    // Work started after commit (an after-commit effect) may open its own.
    let after = ''
    await withRequestTenant(tenant.id, async (trx) => {
      afterCommit(trx, () =>
        withTenant(tenant.id, async (inner) => {
          const row = await inner.from('tenants').select('slug').first()
          after = row.slug
        })
      )
    })
    assert.equal(after, tenant.slug)
  })

  test('after-commit effects run once committed and never after a rollback', async ({ assert }) => {
    const { tenant } = await makeTenant('aftercommit')
    const ran: string[] = []
    await withTenant(tenant.id, async (trx) => {
      afterCommit(trx, () => ran.push('committed'))
      assert.deepEqual(ran, [], 'not before commit')
    })
    assert.deepEqual(ran, ['committed'])

    await assert.rejects(() =>
      withTenant(tenant.id, async (trx) => {
        afterCommit(trx, () => ran.push('rolled back'))
        throw new Error('boom')
      })
    )
    await withTenant(tenant.id, async (trx) => {
      await withSavepoint(trx, async (savepoint) => {
        afterCommit(savepoint, () => ran.push('savepoint kept'))
      })
      await withSavepoint(trx, async (savepoint) => {
        afterCommit(savepoint, () => ran.push('savepoint dropped'))
        throw new Error('undo')
      }).catch(() => {})
    })
    assert.deepEqual(ran, ['committed', 'savepoint kept'])
  })
})

test.group('Request transactions: external deletes', (group) => {
  group.setup(startS3Server)

  test('an S3 object is deleted only once the transaction that deleted its item commits', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('s3commit')
    const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'P' })
    const project = await client
      .post('/api/v1/projects')
      .bearerToken(token)
      .json({ programId: program.body().data.id, name: 'S3' })
    ;(
      await client.put('/api/v1/content/storage/default').bearerToken(token).json({ key: 's3' })
    ).assertStatus(200)
    const uploaded = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', project.body().data.id)
      .file('file', Buffer.from('kept unless committed'), { filename: 'kept.txt' })
    uploaded.assertStatus(201)
    const item = uploaded.body().data
    const path = `tenants/${tenant.id}/${item.sha256}`
    assert.isTrue(await drive.use('s3').exists(path))

    await assert.rejects(
      () =>
        withTenant(tenant.id, async (trx) => {
          await destroyContent(actionContextFor(tenant, admin, trx), item.id)
          assert.isTrue(await drive.use('s3').exists(path), 'deleted before commit')
          throw new Error('the request failed after deleting')
        }),
      'the request failed after deleting'
    )
    assert.isTrue(await drive.use('s3').exists(path), 'deleted although rolled back')
    const still = await client.get(`/api/v1/content/items/${item.id}/download`).bearerToken(token)
    assert.equal(still.text(), 'kept unless committed')

    await withTenant(tenant.id, (trx) =>
      destroyContent(actionContextFor(tenant, admin, trx), item.id)
    )
    assert.isFalse(await drive.use('s3').exists(path), 'kept although committed')
  })
})
