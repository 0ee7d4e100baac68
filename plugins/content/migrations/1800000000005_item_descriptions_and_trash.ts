import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An item's description (written by people, unlike the summary of a version),
 * and who moved it to the trash, so the trash can say who and when.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      alter table content_items
        add column description text check (char_length(description) <= 5000),
        add column deleted_by uuid;
    `)
  }

  async down() {
    this.schema.raw(`
      alter table content_items drop column if exists description, drop column if exists deleted_by;
    `)
  }
}
