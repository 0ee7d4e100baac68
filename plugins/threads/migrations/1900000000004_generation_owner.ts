import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Who asked for an answer. An assistant message has no author (user_id stays
 * null, as the seeds have it), but its generation belongs to the member who
 * asked: the per-member limit on concurrent generations counts by it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      alter table messages add column requested_by uuid;
      create index messages_generating_by on messages (tenant_id, requested_by)
        where status = 'streaming';
    `)
  }

  async down() {
    this.schema.raw(`alter table messages drop column if exists requested_by;`)
  }
}
