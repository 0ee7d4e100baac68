import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A per-user credentials version. Sessions remember the version they were
 * opened under and stop working once a password change or reset moves it on,
 * whatever the session driver (cookie sessions cannot be deleted server-side).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      alter table users add column credentials_version integer not null default 0;
    `)
  }

  async down() {
    this.schema.raw(`alter table users drop column if exists credentials_version;`)
  }
}
