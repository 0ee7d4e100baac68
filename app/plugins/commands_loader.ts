/*
| An ace commands loader over the commands plugins declare in their manifest,
| so `node ace` lists them beside the core's.
*/
import type { BaseCommand } from '@adonisjs/core/ace'
import pluginsConfig from '#config/plugins'
import { discoverPlugins } from './discovery.js'

type CommandClass = typeof BaseCommand

let loaded: Promise<CommandClass[]> | undefined

function commandClasses() {
  loaded ??= (async () => {
    const classes: CommandClass[] = []
    for (const { definition } of await discoverPlugins(pluginsConfig)) {
      for (const load of definition.commands ?? []) {
        const { default: command } = await load()
        classes.push(command as CommandClass)
      }
    }
    return classes
  })()
  return loaded
}

export async function getMetaData() {
  const classes = await commandClasses()
  return classes.map((command) => command.serialize())
}

export async function getCommand(metaData: { commandName: string }) {
  const classes = await commandClasses()
  return classes.find((command) => command.commandName === metaData.commandName) ?? null
}
