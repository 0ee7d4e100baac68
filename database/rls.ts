/*
| Row-level security for tenant-owned tables. Every table with a tenant_id gets
| RLS enabled and forced, with one policy on the transaction's tenant
| (set by withTenant() through set_config('app.tenant_id', ..., true)).
*/
export function tenantIsolation(table: string): string {
  return `
    alter table ${table} enable row level security;
    alter table ${table} force row level security;
    create policy ${table}_tenant_isolation on ${table}
      using (tenant_id = app_current_tenant())
      with check (tenant_id = app_current_tenant());
  `
}
