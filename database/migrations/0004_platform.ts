import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolation } from '#database/rls'

/**
 * Per-tenant plugin installations, the domain-event outbox with one cursor per
 * consumer and tenant, and usage statistics.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create table plugin_installations (
        tenant_id uuid not null references tenants(id) on delete cascade,
        plugin_name varchar(100) not null,
        enabled boolean not null,
        version varchar(50) not null,
        settings jsonb not null default '{}'::jsonb,
        updated_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, plugin_name)
      );
      ${tenantIsolation('plugin_installations')}

      -- transaction_id orders the outbox by commit safety: a reader only takes events whose
      -- writing transaction is older than every transaction still running, so an event that
      -- commits late can never be skipped by a cursor that already moved past its id.
      create table domain_events (
        id bigint generated always as identity primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        transaction_id xid8 not null default pg_current_xact_id(),
        type varchar(100) not null,
        aggregate_type varchar(50) not null,
        aggregate_id uuid not null,
        payload jsonb not null default '{}'::jsonb,
        actor_id uuid,
        occurred_at timestamptz not null default now()
      );
      create index domain_events_stream on domain_events (tenant_id, transaction_id, id);
      ${tenantIsolation('domain_events')}

      create table event_consumer_cursors (
        tenant_id uuid not null references tenants(id) on delete cascade,
        consumer varchar(100) not null,
        last_transaction_id xid8 not null default '0',
        last_event_id bigint not null default 0,
        attempts integer not null default 0,
        retry_at timestamptz,
        last_error text,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, consumer)
      );
      ${tenantIsolation('event_consumer_cursors')}

      create table event_dead_letters (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        consumer varchar(100) not null,
        event_id bigint not null,
        error text not null,
        attempts integer not null,
        created_at timestamptz not null default now()
      );
      ${tenantIsolation('event_dead_letters')}

      create table usage_stats (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        user_id uuid,
        project_id uuid,
        resource_type varchar(50) not null,
        resource_id uuid,
        quantity bigint not null check (quantity >= 0),
        unit_cost numeric(12, 8),
        total_cost numeric(14, 8),
        recorded_at timestamptz not null default now()
      );
      create index usage_stats_period on usage_stats (tenant_id, resource_type, recorded_at);
      ${tenantIsolation('usage_stats')}
    `)
  }

  async down() {
    this.schema.raw(`
      drop table if exists usage_stats;
      drop table if exists event_dead_letters;
      drop table if exists event_consumer_cursors;
      drop table if exists domain_events;
      drop table if exists plugin_installations;
    `)
  }
}
