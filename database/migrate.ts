import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'

/** Runs pending core and plugin migrations as the owner role. */
export async function migrateAsOwner() {
  const runner = new MigrationRunner(db, app, { direction: 'up', connectionName: 'owner' })
  await runner.run()
  // runner.close() would unregister every connection; the owner's pool is all we opened.
  await db.manager.close('owner')
  if (runner.error) throw runner.error
  return Object.keys(runner.migratedFiles)
}
