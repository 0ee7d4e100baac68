import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import vite from '@adonisjs/vite/services/main'
import { makeTenant, makeUser, PASSWORD } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'
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
    await browser.page('/login')
    await browser.request('POST', '/api/v1/auth/login', {
      workspace: tenant.slug,
      email: admin.email,
      password: PASSWORD,
    })

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
    assert.include(
      html,
      '<h1>Dashboard</h1>',
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
