import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { rlsProblems } from '#tests/helpers/rls_audit'

test.group('Schema', () => {
  test('every table with tenant_id has row-level security enabled and forced', async ({
    assert,
  }) => {
    const { rows } = await db.connection('owner').rawQuery(`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
       where c.relkind = 'r'
         and exists (select 1 from pg_attribute a
                      where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
    `)
    assert.isAbove(rows.length, 8)
    for (const row of rows) {
      assert.isTrue(
        row.relrowsecurity && row.relforcerowsecurity,
        `${row.relname} lacks forced RLS`
      )
    }
  })

  test('the runtime role owns no table and cannot bypass RLS', async ({ assert }) => {
    const { rows } = await db.rawQuery(`
      select r.rolsuper, r.rolbypassrls,
             (select count(*) from pg_tables where tableowner = current_user)::int as owned
        from pg_roles r where r.rolname = current_user
    `)
    assert.deepEqual(rows[0], { rolsuper: false, rolbypassrls: false, owned: 0 })
  })

  test('every tenant table has the tenant policy (USING and WITH CHECK) for the runtime role', async ({
    assert,
  }) => {
    const owner = db.connection('owner')
    const { rows } = await owner.rawQuery(`
      select count(*)::int as n from pg_class c
        join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
       where c.relkind = 'r'
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
    `)
    assert.isAbove(rows[0].n, 8)
    assert.deepEqual(await rlsProblems(owner, env.get('DB_USER')), [])
  })

  test('the policy check flags a using (true) policy, an extra permissive one, a missing one, a lax WITH CHECK', async ({
    assert,
  }) => {
    const trx = await db.connection('owner').transaction()
    try {
      await trx.rawQuery(`
        create table probe_open (id uuid primary key, tenant_id uuid not null);
        alter table probe_open enable row level security;
        alter table probe_open force row level security;
        create policy probe_open_all on probe_open using (true) with check (true);

        create table probe_extra (id uuid primary key, tenant_id uuid not null);
        alter table probe_extra enable row level security;
        alter table probe_extra force row level security;
        create policy probe_extra_tenant on probe_extra
          using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());
        create policy probe_extra_read on probe_extra for select using (true);

        create table probe_none (id uuid primary key, tenant_id uuid not null);
        alter table probe_none enable row level security;

        create table probe_lax_check (id uuid primary key, tenant_id uuid not null);
        alter table probe_lax_check enable row level security;
        alter table probe_lax_check force row level security;
        create policy probe_lax_check_all on probe_lax_check
          using (tenant_id = app_current_tenant()) with check (tenant_id is not null);
      `)
      const problems = await rlsProblems(trx, env.get('DB_USER'))
      const flagged = (table: string) =>
        problems.filter((problem) => problem.startsWith(`${table}:`))
      assert.deepEqual(flagged('probe_open'), [
        'probe_open: no policy for all commands with USING and WITH CHECK (tenant_id = app_current_tenant())',
        'probe_open: policy probe_open_all USING true',
        'probe_open: policy probe_open_all WITH CHECK true',
      ])
      assert.deepEqual(flagged('probe_extra'), ['probe_extra: policy probe_extra_read USING true'])
      assert.lengthOf(flagged('probe_none'), 2)
      assert.deepEqual(flagged('probe_lax_check'), [
        'probe_lax_check: no policy for all commands with USING and WITH CHECK (tenant_id = app_current_tenant())',
        'probe_lax_check: policy probe_lax_check_all WITH CHECK (tenant_id IS NOT NULL)',
      ])
      // Nothing else: the application's own tables pass, in the same transaction.
      assert.lengthOf(problems, 8)
    } finally {
      await trx.rollback()
    }
  })
})
