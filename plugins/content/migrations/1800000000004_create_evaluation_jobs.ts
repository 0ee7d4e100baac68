import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolation } from '#database/rls'

/**
 * Retrieval evaluations started from the console run as background jobs: the
 * request stores the uploaded set here and answers at once; the job reports
 * its progress here and links the results when done.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      create table evaluation_jobs (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        dataset varchar(100) not null,
        labelled_set jsonb not null,
        document_count integer not null,
        query_count integer not null,
        status varchar(20) not null default 'queued'
          check (status in ('queued', 'running', 'done', 'failed')),
        progress integer not null default 0 check (progress between 0 and 100),
        step varchar(200) not null default '',
        error text,
        evaluation_id uuid references search_evaluations(id) on delete set null,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        finished_at timestamptz
      );
      create index evaluation_jobs_recent on evaluation_jobs (tenant_id, created_at desc);
      ${tenantIsolation('evaluation_jobs')}
    `)
  }

  async down() {
    this.schema.raw('drop table if exists evaluation_jobs')
  }
}
