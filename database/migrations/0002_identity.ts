import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolation } from '#database/rls'

/** Users, their hashed API tokens, the audit log and per-user activity. */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create table users (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        email varchar(254) not null
          check (email = lower(email) and email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
        full_name varchar(255) not null check (length(trim(full_name)) > 0),
        password varchar(255) not null,
        role varchar(20) not null default 'member' check (role in ('member', 'editor', 'admin')),
        is_active boolean not null default true,
        settings jsonb not null default '{}'::jsonb,
        last_login_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, email),
        unique (id, tenant_id)
      );
      ${tenantIsolation('users')}

      create table auth_access_tokens (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        tokenable_id uuid not null,
        type varchar(40) not null default 'auth_token',
        name varchar(100),
        hash varchar(255) not null,
        abilities text not null default '["*"]',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        last_used_at timestamptz,
        expires_at timestamptz,
        foreign key (tokenable_id, tenant_id) references users(id, tenant_id) on delete cascade
      );
      create index auth_access_tokens_user on auth_access_tokens (tenant_id, tokenable_id);
      ${tenantIsolation('auth_access_tokens')}
      do $$ begin
        execute format('create policy auth_access_tokens_owner_lookup on auth_access_tokens to %I using (true)', current_user);
      end $$;

      -- The tenant a bearer token belongs to, so the guard can verify it inside that tenant.
      create or replace function app_access_token_tenant(p_token_id uuid) returns uuid
        language sql stable security definer set search_path = public, pg_temp
        as $$ select tenant_id from auth_access_tokens where id = p_token_id $$;

      create table tenant_audit_log (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        actor_id uuid,
        actor_type varchar(20) not null default 'user' check (actor_type in ('user', 'operator', 'system')),
        action varchar(80) not null,
        subject_type varchar(50),
        subject_id uuid,
        details jsonb not null default '{}'::jsonb,
        ip_address inet,
        user_agent text,
        created_at timestamptz not null default now()
      );
      create index tenant_audit_log_recent on tenant_audit_log (tenant_id, created_at desc, id desc);
      create index tenant_audit_log_actor on tenant_audit_log (tenant_id, actor_id, created_at desc);
      create index tenant_audit_log_action on tenant_audit_log (tenant_id, action, created_at desc);
      ${tenantIsolation('tenant_audit_log')}

      create table user_activity (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        user_id uuid not null,
        action varchar(100) not null,
        resource_type varchar(50),
        resource_id uuid,
        details jsonb not null default '{}'::jsonb,
        ip_address inet,
        created_at timestamptz not null default now(),
        foreign key (user_id, tenant_id) references users(id, tenant_id) on delete cascade
      );
      create index user_activity_recent on user_activity (tenant_id, user_id, created_at desc);
      ${tenantIsolation('user_activity')}
    `)
  }

  async down() {
    this.schema.raw(`
      drop table if exists user_activity;
      drop table if exists tenant_audit_log;
      drop function if exists app_access_token_tenant(uuid);
      drop table if exists auth_access_tokens;
      drop table if exists users;
    `)
  }
}
