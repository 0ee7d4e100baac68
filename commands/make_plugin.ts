import { mkdir, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { pluginFiles, PLUGIN_FOLDERS } from '#plugins_core/scaffold'

/** Scaffolds plugins/<name> (or <dir>/<name>) with the shape every plugin shares. */
export default class MakePlugin extends BaseCommand {
  static commandName = 'make:plugin'
  static description = 'Create a plugin folder under plugins/ with the standard shape'
  static options: CommandOptions = {}

  @args.string({ description: 'Plugin name: lower-case letters, digits and dashes' })
  declare name: string

  @flags.string({ description: 'Folder to create the plugin in (default: plugins)' })
  declare dir?: string

  async run() {
    if (!/^[a-z][a-z0-9-]*$/.test(this.name)) {
      this.logger.error('The name must be lower-case letters, digits and dashes, e.g. "notes"')
      this.exitCode = 1
      return
    }
    const root = resolve(this.app.makePath(), this.dir ?? 'plugins', this.name)
    const shown = relative(this.app.makePath(), root)
    if (existsSync(root)) {
      this.logger.error(`${shown} already exists`)
      this.exitCode = 1
      return
    }
    for (const folder of PLUGIN_FOLDERS) {
      await mkdir(join(root, folder), { recursive: true })
    }
    for (const [file, contents] of Object.entries(pluginFiles(this.name))) {
      await mkdir(dirname(join(root, file)), { recursive: true })
      await writeFile(join(root, file), contents)
      this.logger.action(`create ${shown}/${file}`).succeeded()
    }
    this.logger.info(`Add { path: '${shown}' } to config/plugins.ts to install it`)
  }
}
