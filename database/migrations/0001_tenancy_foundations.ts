import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Extensions, the tenant-context function every policy reads, and tenants.
 * Tenants have no tenant_id: a transaction sees only its own tenant's row.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create extension if not exists pgcrypto;
      create extension if not exists pg_trgm;

      create or replace function app_current_tenant() returns uuid
        language sql stable
        as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

      create table tenants (
        id uuid primary key default gen_random_uuid(),
        name varchar(255) not null check (length(trim(name)) > 0),
        slug varchar(50) not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
        domain varchar(255) unique,
        is_active boolean not null default true,
        features jsonb not null default '{}'::jsonb,
        theme jsonb not null default '{}'::jsonb,
        settings jsonb not null default '{}'::jsonb,
        max_users integer not null default 50 check (max_users > 0),
        max_storage_gb integer not null default 5 check (max_storage_gb > 0),
        monthly_token_limit bigint not null default 1000000 check (monthly_token_limit >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );

      alter table tenants enable row level security;
      alter table tenants force row level security;
      create policy tenants_own_row on tenants
        using (id = app_current_tenant())
        with check (id = app_current_tenant());
      -- Lets the security-definer lookups below (owned by this role) read every tenant.
      do $$ begin
        execute format('create policy tenants_owner_lookup on tenants to %I using (true)', current_user);
      end $$;

      -- Resolves a login's workspace (slug or domain) before any tenant is set.
      create or replace function app_resolve_tenant(p_key text)
        returns table (id uuid, is_active boolean)
        language sql stable security definer set search_path = public, pg_temp
        as $$ select t.id, t.is_active from tenants t
              where t.slug = lower(p_key) or t.domain = lower(p_key) limit 1 $$;

      -- The operator's tenant list and the event worker's round (no tenant set there).
      create or replace function app_list_tenants()
        returns setof tenants
        language sql stable security definer set search_path = public, pg_temp
        as $$ select * from tenants order by created_at, id $$;
    `)
  }

  async down() {
    this.schema.raw(`
      drop function if exists app_list_tenants();
      drop function if exists app_resolve_tenant(text);
      drop table if exists tenants;
      drop function if exists app_current_tenant();
    `)
  }
}
