import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolation } from '#database/rls'

/** Results of retrieval evaluations, shown in the console beside each other. */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create table search_evaluations (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        dataset varchar(100) not null,
        document_count integer not null,
        query_count integer not null,
        results jsonb not null,
        created_by uuid,
        created_at timestamptz not null default now()
      );
      create index search_evaluations_recent on search_evaluations (tenant_id, created_at desc);
      ${tenantIsolation('search_evaluations')}
    `)
  }

  async down() {
    this.schema.raw('drop table if exists search_evaluations')
  }
}
