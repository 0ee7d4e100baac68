import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolation } from '#database/rls'

/**
 * Programs → projects → memberships. Composite foreign keys on (id, tenant_id)
 * make a cross-tenant reference impossible, not merely unlikely.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create table programs (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        name varchar(255) not null check (length(trim(name)) > 0),
        slug varchar(100) not null check (slug ~ '^[a-z0-9][a-z0-9-]*$'),
        description text,
        settings jsonb not null default '{}'::jsonb,
        metadata jsonb not null default '{}'::jsonb,
        created_by uuid,
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, slug),
        unique (id, tenant_id)
      );
      ${tenantIsolation('programs')}

      create table projects (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        program_id uuid not null,
        name varchar(255) not null check (length(trim(name)) > 0),
        slug varchar(100) not null check (slug ~ '^[a-z0-9][a-z0-9-]*$'),
        description text,
        is_public boolean not null default false,
        settings jsonb not null default '{}'::jsonb,
        metadata jsonb not null default '{}'::jsonb,
        created_by uuid,
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, program_id, slug),
        unique (id, tenant_id),
        foreign key (program_id, tenant_id) references programs(id, tenant_id) on delete cascade
      );
      create index projects_program on projects (tenant_id, program_id);
      ${tenantIsolation('projects')}

      create table project_memberships (
        tenant_id uuid not null,
        project_id uuid not null,
        user_id uuid not null,
        role varchar(20) not null default 'viewer' check (role in ('viewer', 'editor', 'admin')),
        permissions jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (project_id, user_id),
        foreign key (project_id, tenant_id) references projects(id, tenant_id) on delete cascade,
        foreign key (user_id, tenant_id) references users(id, tenant_id) on delete cascade
      );
      create index project_memberships_user on project_memberships (tenant_id, user_id);
      ${tenantIsolation('project_memberships')}
    `)
  }

  async down() {
    this.schema.raw(`
      drop table if exists project_memberships;
      drop table if exists projects;
      drop table if exists programs;
    `)
  }
}
