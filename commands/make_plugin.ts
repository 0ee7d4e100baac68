import { mkdir, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { pluginFiles, PLUGIN_FOLDERS } from '#plugins_core/scaffold'

/** Scaffolds plugins/<name> with the shape every plugin shares. */
export default class MakePlugin extends BaseCommand {
  static commandName = 'make:plugin'
  static description = 'Create a plugin folder under plugins/ with the standard shape'
  static options: CommandOptions = {}

  @args.string({ description: 'Plugin name: lower-case letters, digits and dashes' })
  declare name: string

  async run() {
    if (!/^[a-z][a-z0-9-]*$/.test(this.name)) {
      this.logger.error('The name must be lower-case letters, digits and dashes, e.g. "notes"')
      this.exitCode = 1
      return
    }
    const root = this.app.makePath('plugins', this.name)
    if (existsSync(root)) {
      this.logger.error(`plugins/${this.name} already exists`)
      this.exitCode = 1
      return
    }
    for (const folder of PLUGIN_FOLDERS) {
      await mkdir(join(root, folder), { recursive: true })
    }
    for (const [file, contents] of Object.entries(pluginFiles(this.name))) {
      await writeFile(join(root, file), contents)
      this.logger.action(`create plugins/${this.name}/${file}`).succeeded()
    }
    this.logger.info(`Add { path: 'plugins/${this.name}' } to config/plugins.ts to install it`)
  }
}
