import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolation } from '#database/rls'

/**
 * The content plugin's tables. Types and storage drivers are code (extension
 * points); their tables hold each tenant's overrides. Chunks carry their
 * full-text vector and an embedding as a plain real[] (exact search works on
 * any PostgreSQL).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create table content_types (
        tenant_id uuid not null references tenants(id) on delete cascade,
        key varchar(40) not null,
        enabled boolean not null default true,
        max_bytes bigint check (max_bytes > 0),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, key)
      );
      ${tenantIsolation('content_types')}

      create table storage_types (
        tenant_id uuid not null references tenants(id) on delete cascade,
        key varchar(40) not null,
        is_default boolean not null default false,
        config jsonb not null default '{}'::jsonb,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, key)
      );
      ${tenantIsolation('storage_types')}

      create table content_items (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        project_id uuid not null,
        content_type varchar(40) not null,
        storage_type varchar(40) not null default 'postgres',
        title varchar(500) not null check (length(trim(title)) > 0),
        language varchar(40),
        mime_type varchar(255) not null,
        original_filename varchar(500),
        current_version integer not null default 1,
        size_bytes bigint not null default 0,
        sha256 char(64) not null,
        metadata jsonb not null default '{}'::jsonb,
        created_by uuid,
        updated_by uuid,
        deleted_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (id, tenant_id),
        foreign key (project_id, tenant_id) references projects(id, tenant_id) on delete cascade
      );
      create index content_items_project on content_items (tenant_id, project_id, created_at desc, id desc);
      create index content_items_title_trgm on content_items using gin (title gin_trgm_ops);
      ${tenantIsolation('content_items')}

      -- Bytes kept in PostgreSQL by the 'postgres' storage type, addressed by checksum.
      create table content_blobs (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        sha256 char(64) not null,
        size_bytes bigint not null,
        bytes bytea not null,
        created_at timestamptz not null default now(),
        unique (tenant_id, sha256)
      );
      ${tenantIsolation('content_blobs')}

      create table text_content (
        content_item_id uuid primary key,
        tenant_id uuid not null,
        body text not null,
        foreign key (content_item_id, tenant_id) references content_items(id, tenant_id) on delete cascade
      );
      ${tenantIsolation('text_content')}

      create table code_content (
        content_item_id uuid primary key,
        tenant_id uuid not null,
        language varchar(40) not null,
        line_count integer not null,
        foreign key (content_item_id, tenant_id) references content_items(id, tenant_id) on delete cascade
      );
      ${tenantIsolation('code_content')}

      create table content_versions (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        content_item_id uuid not null,
        version integer not null check (version > 0),
        title varchar(500) not null,
        body text,
        storage_key varchar(500),
        sha256 char(64) not null,
        size_bytes bigint not null,
        summary varchar(500),
        created_by uuid,
        created_at timestamptz not null default now(),
        unique (content_item_id, version),
        foreign key (content_item_id, tenant_id) references content_items(id, tenant_id) on delete cascade
      );
      ${tenantIsolation('content_versions')}

      -- At most one ingestion per version: the unique key is the guard.
      create table ingestion_runs (
        tenant_id uuid not null,
        content_item_id uuid not null,
        version integer not null,
        status varchar(20) not null default 'pending' check (status in ('pending', 'done', 'failed')),
        chunk_count integer not null default 0,
        token_count integer not null default 0,
        error text,
        created_at timestamptz not null default now(),
        finished_at timestamptz,
        primary key (content_item_id, version),
        foreign key (content_item_id, tenant_id) references content_items(id, tenant_id) on delete cascade
      );
      ${tenantIsolation('ingestion_runs')}

      create table content_chunks (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        content_item_id uuid not null,
        version integer not null,
        position integer not null,
        heading varchar(500),
        body text not null,
        token_count integer not null,
        start_offset integer not null,
        end_offset integer not null,
        search tsvector not null,
        embedding real[] not null,
        created_at timestamptz not null default now(),
        unique (content_item_id, version, position),
        foreign key (content_item_id, tenant_id) references content_items(id, tenant_id) on delete cascade
      );
      create index content_chunks_search on content_chunks using gin (search);
      create index content_chunks_item on content_chunks (tenant_id, content_item_id);
      ${tenantIsolation('content_chunks')}

      create table tags (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        project_id uuid not null,
        name varchar(60) not null check (length(trim(name)) > 0),
        color char(7) not null default '#6b7280' check (color ~ '^#[0-9a-fA-F]{6}$'),
        created_at timestamptz not null default now(),
        unique (id, tenant_id),
        foreign key (project_id, tenant_id) references projects(id, tenant_id) on delete cascade
      );
      create unique index tags_name_per_project on tags (project_id, lower(name));
      ${tenantIsolation('tags')}

      create table content_tags (
        tenant_id uuid not null,
        content_item_id uuid not null,
        tag_id uuid not null,
        created_at timestamptz not null default now(),
        primary key (content_item_id, tag_id),
        foreign key (content_item_id, tenant_id) references content_items(id, tenant_id) on delete cascade,
        foreign key (tag_id, tenant_id) references tags(id, tenant_id) on delete cascade
      );
      create index content_tags_tag on content_tags (tenant_id, tag_id);
      ${tenantIsolation('content_tags')}

      create table search_configurations (
        tenant_id uuid primary key references tenants(id) on delete cascade,
        fulltext_weight real not null default 1 check (fulltext_weight >= 0),
        semantic_weight real not null default 1 check (semantic_weight >= 0),
        rrf_k integer not null default 60 check (rrf_k > 0),
        updated_at timestamptz not null default now()
      );
      ${tenantIsolation('search_configurations')}
    `)
  }

  async down() {
    this.schema.raw(`
      drop table if exists search_configurations, content_tags, tags, content_chunks,
        ingestion_runs, content_versions, code_content, text_content, content_blobs,
        content_items, storage_types, content_types;
    `)
  }
}
