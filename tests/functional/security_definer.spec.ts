import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { withTenant } from '#tenancy/with_tenant'
import { makeTenant } from '#tests/helpers/tenants'

const operator = () => env.get('OPERATOR_TOKEN')!

/** Security-definer functions of the public schema, with who may execute them. */
async function securityDefinerFunctions() {
  const { rows } = await db.connection('owner').rawQuery(`
    select p.oid::regprocedure::text as signature, p.proname as name,
           coalesce(array_agg(case when a.grantee = 0 then 'PUBLIC' else r.rolname::text end)
                      filter (where a.privilege_type = 'EXECUTE'), '{}')::text[] as executors
      from pg_proc p
      cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
      left join pg_roles r on r.oid = a.grantee
     where p.pronamespace = 'public'::regnamespace and p.prosecdef
     group by p.oid, p.proname
  `)
  return rows as { signature: string; name: string; executors: string[] }[]
}

/** The PostgreSQL error a statement raises, or null when it succeeds. */
async function refusal(work: () => Promise<unknown>) {
  try {
    await work()
    return null
  } catch (error) {
    return error as { code?: string; message: string }
  }
}

test.group('Security-definer functions', () => {
  test('none is executable by PUBLIC; only the owner and the runtime role may run them', async ({
    assert,
  }) => {
    const functions = await securityDefinerFunctions()
    const names = functions.map((fn) => fn.name)
    for (const expected of ['app_list_tenants', 'app_resolve_tenant', 'app_access_token_tenant']) {
      assert.include(names, expected)
    }
    const allowed = [env.get('DB_OWNER_USER'), env.get('DB_USER')]
    for (const fn of functions) {
      assert.notInclude(fn.executors, 'PUBLIC', fn.signature)
      assert.include(fn.executors, env.get('DB_USER'), fn.signature)
      for (const role of fn.executors) assert.include(allowed, role, `${fn.signature}: ${role}`)
    }
  })

  test('a function the owner creates from now on is not executable by PUBLIC', async ({
    assert,
  }) => {
    const trx = await db.connection('owner').transaction()
    try {
      await trx.rawQuery(
        'create function app_probe_default_privileges() returns int language sql as $$ select 1 $$'
      )
      const { rows } = await trx.rawQuery(`
        select count(*)::int as public_grants
          from pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
         where p.proname = 'app_probe_default_privileges' and a.grantee = 0`)
      assert.equal(rows[0].public_grants, 0)
    } finally {
      await trx.rollback()
    }
  })

  test('app_list_tenants returns the listed columns only, never theme or settings', async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('listing')
    const { rows } = await db.rawQuery('select * from app_list_tenants()')
    const row = rows.find((candidate: { id: string }) => candidate.id === tenant.id)
    assert.exists(row)
    assert.sameMembers(Object.keys(row), [
      'id',
      'name',
      'slug',
      'domain',
      'is_active',
      'max_users',
      'max_storage_gb',
      'monthly_token_limit',
      'created_at',
    ])
  })
})

test.group("The runtime role and its own tenant's row", () => {
  test('cannot switch itself off, raise its limits, or delete itself', async ({ assert }) => {
    const { tenant } = await makeTenant('greedy')
    const attempts = [
      'update tenants set is_active = false',
      'update tenants set max_users = 100000',
      'update tenants set max_storage_gb = 100000',
      'update tenants set monthly_token_limit = 999999999999',
      `update tenants set slug = 'taken-over'`,
      'delete from tenants',
    ]
    for (const sql of attempts) {
      const error = await refusal(() => withTenant(tenant.id, (trx) => trx.rawQuery(sql)))
      assert.exists(error, sql)
      assert.equal(error!.code, '42501', sql) // insufficient_privilege
    }
    const [row] = await withTenant(tenant.id, (trx) =>
      trx.from('tenants').select('is_active', 'max_users', 'slug')
    )
    assert.deepEqual(row, { is_active: true, max_users: 50, slug: tenant.slug })
  })

  test("cannot call the operator's activation function from inside a tenant", async ({
    assert,
  }) => {
    const { tenant } = await makeTenant('sly')
    const error = await refusal(() =>
      withTenant(tenant.id, (trx) =>
        trx.rawQuery('select app_platform_set_tenant_active(?, false)', [tenant.id])
      )
    )
    assert.exists(error)
    assert.equal(error!.code, '42501')
    const [row] = await withTenant(tenant.id, (trx) => trx.from('tenants').select('is_active'))
    assert.isTrue(row.is_active)
  })

  test('the admin still renames the workspace and changes its branding', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('rebrand')
    const response = await client
      .patch('/api/v1/tenant')
      .bearerToken(token)
      .json({ name: 'Rebranded', branding: { primaryColor: '#112233' } })
    response.assertStatus(200)
    const [row] = await withTenant(tenant.id, (trx) => trx.from('tenants').select('name', 'theme'))
    assert.equal(row.name, 'Rebranded')
    assert.equal(row.theme.primaryColor, '#112233')
  })

  test('the platform operator still deactivates and reactivates it', async ({ client, assert }) => {
    const { tenant } = await makeTenant('paused')
    const off = await client
      .post(`/api/v1/platform/tenants/${tenant.id}/deactivate`)
      .bearerToken(operator())
    off.assertStatus(200)
    assert.isFalse(off.body().data.isActive)
    const [row] = await withTenant(tenant.id, (trx) => trx.from('tenants').select('is_active'))
    assert.isFalse(row.is_active)

    const on = await client
      .post(`/api/v1/platform/tenants/${tenant.id}/activate`)
      .bearerToken(operator())
    on.assertStatus(200)
    assert.isTrue(on.body().data.isActive)

    const missing = await client
      .post('/api/v1/platform/tenants/00000000-0000-4000-8000-000000000000/deactivate')
      .bearerToken(operator())
    missing.assertStatus(404)
  })
})
