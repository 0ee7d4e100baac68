/*
| Reads the catalog and lists what is wrong with row-level security for the
| runtime role: a tenant table without forced RLS, without the tenant policy,
| or with any permissive policy that lets the runtime role see or write more
| (e.g. `using (true)`). Policies for other roles (the owner's lookups) are
| not the runtime role's concern.
*/
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** The one expression database/rls.ts writes, as PostgreSQL prints it back. */
export const TENANT_EXPRESSION = '(tenant_id = app_current_tenant())'
/** The tenants table has no tenant_id: a tenant sees its own row. */
export const TENANTS_EXPRESSION = '(id = app_current_tenant())'

interface PolicyRow {
  table: string
  policy: string
  command: string
  permissive: boolean
  using: string | null
  check: string | null
}

/** Problems found, one line each; empty when every tenant table is guarded as it should be. */
export async function rlsProblems(client: QueryClientContract, runtimeRole: string) {
  const { rows: tables } = await client.rawQuery(`
    select c.oid, c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
           exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
     where c.relkind in ('r', 'p')
  `)
  const { rows: policies } = await client.rawQuery(
    `select c.relname as table, p.polname as policy, p.polcmd as command,
            p.polpermissive as permissive,
            pg_get_expr(p.polqual, p.polrelid) as using,
            pg_get_expr(p.polwithcheck, p.polrelid) as check
       from pg_policy p
       join pg_class c on c.oid = p.polrelid
      where exists (select 1 from unnest(p.polroles) role
                     where role = 0 or pg_has_role(?, role, 'member'))`,
    [runtimeRole]
  )
  const problems: string[] = []
  for (const table of tables as Array<{
    table: string
    enabled: boolean
    forced: boolean
    has_tenant: boolean
  }>) {
    const expected = table.has_tenant
      ? TENANT_EXPRESSION
      : table.table === 'tenants'
        ? TENANTS_EXPRESSION
        : null
    if (!expected) continue
    if (!table.enabled || !table.forced)
      problems.push(`${table.table}: row-level security is not enabled and forced`)
    const own = (policies as PolicyRow[]).filter((policy) => policy.table === table.table)
    const guarding = own.find(
      (policy) =>
        policy.permissive &&
        policy.command === '*' &&
        policy.using === expected &&
        policy.check === expected
    )
    if (!guarding) {
      problems.push(
        `${table.table}: no policy for all commands with USING and WITH CHECK ${expected}`
      )
    }
    for (const policy of own) {
      if (!policy.permissive) continue // a restrictive policy only narrows what the others allow
      const reads = policy.command !== 'a'
      const writes = ['*', 'a', 'w'].includes(policy.command)
      if (reads && policy.using !== expected) {
        problems.push(`${table.table}: policy ${policy.policy} USING ${policy.using}`)
      }
      if (writes && (policy.check ?? policy.using) !== expected) {
        problems.push(
          `${table.table}: policy ${policy.policy} WITH CHECK ${policy.check ?? policy.using}`
        )
      }
    }
  }
  return problems
}
