import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { provisionDatabase } from '#database/provision'
import { provisionOptionsFromEnv } from '#database/connection_settings'
import { migrateAsOwner } from '#database/migrate'

/**
 * The privileged step before serving: creates the owner and runtime roles and the
 * database (with DB_ADMIN_USER), runs core and plugin migrations as the owner,
 * and checks that the runtime role cannot see through row-level security. It is
 * the only process that holds the owner's and the admin's credentials; the web
 * server then runs as the runtime role alone (`./nexus start`, compose's
 * `migrate` service).
 */
export default class DbPrepare extends BaseCommand {
  static commandName = 'db:prepare'
  static description = 'Provision roles and database, run migrations as the owner (before serving)'
  static options: CommandOptions = { startApp: true }

  async run() {
    await provisionDatabase(provisionOptionsFromEnv())
    const migrated = await migrateAsOwner()
    this.logger.info(
      migrated.length ? `migrated: ${migrated.length} file(s)` : 'database schema is up to date'
    )
  }
}
