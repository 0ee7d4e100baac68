import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'

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
})
