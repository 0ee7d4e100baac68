import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { existsSync } from 'node:fs'
import { provisionDatabase } from '#database/provision'
import { provisionOptionsFromEnv } from '#database/connection_settings'
import { migrateAsOwner } from '#database/migrate'

/**
 * `npm run bench -- <name>`: runs bench/<name>.ts on a freshly migrated database
 * of its own; every figure is printed beside a baseline measured in the same run.
 */
export default class Bench extends BaseCommand {
  static commandName = 'bench'
  static description = 'Run a benchmark from bench/ against a fresh benchmark database'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Benchmark name (file in bench/)' })
  declare name: string

  @flags.number({ description: 'Scale factor (1 = the documented size)', default: 1 })
  declare scale: number

  async run() {
    const file = this.app.makePath('bench', `${this.name}.ts`)
    if (!/^[a-z_]+$/.test(this.name) || !existsSync(file)) {
      this.logger.error(`No benchmark "${this.name}" in bench/`)
      this.exitCode = 1
      return
    }
    await provisionDatabase({ ...provisionOptionsFromEnv(), recreate: true })
    await migrateAsOwner()
    const { default: benchmark } = await import(file)
    await benchmark({ scale: this.scale, log: (line: string) => this.logger.log(line) })
  }
}
