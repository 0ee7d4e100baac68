import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolation } from '#database/rls'

/**
 * The threads plugin's tables: model connections and their models, threads and
 * their hierarchy, the context a thread carries, messages as a tree, and the
 * exact record of what each answer's request held.
 *
 * Composite foreign keys `(x_id, tenant_id)` make a row's parent belong to the
 * same tenant, whatever the application writes.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      -- A tenant's account with one vendor (OpenAI-compatible or Anthropic).
      -- The API key is encrypted with the app key and never leaves the server.
      create table llm_connections (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        name varchar(100) not null check (length(trim(name)) > 0),
        provider varchar(40) not null,
        base_url varchar(500),
        api_key_encrypted text,
        enabled boolean not null default true,
        last_checked_at timestamptz,
        last_error text,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (id, tenant_id)
      );
      create unique index llm_connections_name on llm_connections (tenant_id, lower(name));
      ${tenantIsolation('llm_connections')}

      -- The models a connection offers (listed by the vendor or added by hand),
      -- with what the admin sets: name shown, window, prices per million tokens.
      -- token_ratio corrects an estimating tokenizer by the vendor's reported usage.
      create table llm_models (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        connection_id uuid not null,
        model varchar(200) not null check (length(trim(model)) > 0),
        display_name varchar(200) not null check (length(trim(display_name)) > 0),
        context_window integer not null default 8192 check (context_window > 0),
        max_output integer not null default 4096 check (max_output > 0),
        price_input numeric(12, 6) not null default 0 check (price_input >= 0),
        price_output numeric(12, 6) not null default 0 check (price_output >= 0),
        price_cached numeric(12, 6) not null default 0 check (price_cached >= 0),
        enabled boolean not null default false,
        source varchar(20) not null default 'listed' check (source in ('listed', 'manual')),
        token_ratio real not null default 1 check (token_ratio > 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (id, tenant_id),
        unique (connection_id, model),
        foreign key (connection_id, tenant_id) references llm_connections(id, tenant_id) on delete cascade
      );
      ${tenantIsolation('llm_models')}

      create table threads (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        project_id uuid not null,
        name varchar(255) not null check (length(trim(name)) > 0),
        description text check (char_length(description) <= 5000),
        status varchar(20) not null default 'active' check (status in ('active', 'archived')),
        thread_type varchar(20) not null default 'standard'
          check (thread_type in ('standard', 'exploration', 'archive')),
        is_pinned boolean not null default false,
        model_id uuid,
        settings jsonb not null default '{}'::jsonb,
        metadata jsonb not null default '{}'::jsonb,
        created_by uuid,
        updated_by uuid,
        archived_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (id, tenant_id),
        foreign key (project_id, tenant_id) references projects(id, tenant_id) on delete cascade,
        foreign key (model_id) references llm_models(id) on delete set null
      );
      create index threads_project on threads (tenant_id, project_id, is_pinned desc, updated_at desc);
      ${tenantIsolation('threads')}

      -- A thread has at most one 'contains' parent (the tree); 'branches_from'
      -- (a fork) and 'related_to' are links beside it.
      create table thread_relationships (
        tenant_id uuid not null,
        parent_thread_id uuid not null,
        child_thread_id uuid not null,
        relationship_type varchar(20) not null default 'contains'
          check (relationship_type in ('contains', 'branches_from', 'related_to')),
        position integer not null default 0,
        metadata jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        primary key (parent_thread_id, child_thread_id, relationship_type),
        check (parent_thread_id <> child_thread_id),
        foreign key (parent_thread_id, tenant_id) references threads(id, tenant_id) on delete cascade,
        foreign key (child_thread_id, tenant_id) references threads(id, tenant_id) on delete cascade
      );
      create unique index thread_one_container on thread_relationships (child_thread_id)
        where relationship_type = 'contains';
      create index thread_relationships_child on thread_relationships (tenant_id, child_thread_id);
      ${tenantIsolation('thread_relationships')}

      -- The context a member chose for a thread: a whole item (chunk_ids null)
      -- or specific chunks of it.
      create table thread_content (
        tenant_id uuid not null,
        thread_id uuid not null,
        content_item_id uuid not null,
        chunk_ids uuid[],
        relevance_score real not null default 1 check (relevance_score between 0 and 1),
        position integer not null default 0,
        is_pinned boolean not null default false,
        inclusion_method varchar(20) not null default 'manual'
          check (inclusion_method in ('manual', 'tag', 'semantic')),
        inclusion_rule jsonb not null default '{}'::jsonb,
        token_budget integer check (token_budget > 0),
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (thread_id, content_item_id),
        foreign key (thread_id, tenant_id) references threads(id, tenant_id) on delete cascade,
        foreign key (content_item_id, tenant_id) references content_items(id, tenant_id) on delete cascade
      );
      ${tenantIsolation('thread_content')}

      -- status: complete, or for an answer: streaming (being generated),
      -- stopped (aborted, partial text kept) or failed (error says why).
      create table messages (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        thread_id uuid not null,
        user_id uuid,
        role varchar(20) not null check (role in ('system', 'user', 'assistant')),
        content text not null default '',
        status varchar(20) not null default 'complete'
          check (status in ('complete', 'streaming', 'stopped', 'failed')),
        error jsonb,
        model_id uuid,
        model_name varchar(200),
        tokens_input integer,
        tokens_output integer,
        tokens_cached integer,
        tokens_total integer,
        cost numeric(12, 6),
        context_snapshot jsonb,
        metadata jsonb not null default '{}'::jsonb,
        client_message_id varchar(255),
        created_at timestamptz not null default now(),
        finished_at timestamptz,
        unique (id, tenant_id),
        foreign key (thread_id, tenant_id) references threads(id, tenant_id) on delete cascade,
        foreign key (model_id) references llm_models(id) on delete set null
      );
      create index messages_thread on messages (tenant_id, thread_id, created_at);
      create index messages_streaming on messages (status) where status = 'streaming';
      ${tenantIsolation('messages')}

      -- The conversation tree: every message but a thread's first has one parent;
      -- siblings (regenerated answers, edited questions) share it.
      create table message_relationships (
        tenant_id uuid not null,
        parent_message_id uuid not null,
        child_message_id uuid not null,
        relationship_type varchar(20) not null default 'response'
          check (relationship_type in ('response', 'alternative', 'edit')),
        position integer not null default 0,
        created_at timestamptz not null default now(),
        primary key (parent_message_id, child_message_id),
        unique (child_message_id),
        check (parent_message_id <> child_message_id),
        foreign key (parent_message_id, tenant_id) references messages(id, tenant_id) on delete cascade,
        foreign key (child_message_id, tenant_id) references messages(id, tenant_id) on delete cascade
      );
      ${tenantIsolation('message_relationships')}

      -- What went into one answer's request, part by part (content parts only;
      -- the whole prompt is in messages.context_snapshot). No foreign key to the
      -- item: the record of what a model saw outlives the item's deletion.
      create table message_context_items (
        tenant_id uuid not null,
        message_id uuid not null,
        context_position integer not null,
        content_item_id uuid,
        chunk_ids uuid[] not null default '{}',
        relevance_score real,
        tokens_used integer not null,
        inclusion_method varchar(20) not null,
        created_at timestamptz not null default now(),
        primary key (message_id, context_position),
        foreign key (message_id, tenant_id) references messages(id, tenant_id) on delete cascade
      );
      create index message_context_items_item on message_context_items (tenant_id, content_item_id);
      ${tenantIsolation('message_context_items')}

      -- The branch each member last looked at: its last message.
      create table thread_views (
        tenant_id uuid not null,
        thread_id uuid not null,
        user_id uuid not null,
        leaf_message_id uuid,
        updated_at timestamptz not null default now(),
        primary key (thread_id, user_id),
        foreign key (thread_id, tenant_id) references threads(id, tenant_id) on delete cascade,
        foreign key (leaf_message_id) references messages(id) on delete set null
      );
      ${tenantIsolation('thread_views')}
    `)
  }

  async down() {
    this.schema.raw(`
      drop table if exists thread_views, message_context_items, message_relationships, messages,
        thread_content, thread_relationships, threads, llm_models, llm_connections;
    `)
  }
}
