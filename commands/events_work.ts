import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { makeEventWorker } from '#events/make_worker'

/** Delivers domain events from the outbox to every subscribed consumer. */
export default class EventsWork extends BaseCommand {
  static commandName = 'events:work'
  static description = 'Deliver domain events from the outbox to their consumers'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.boolean({ description: 'Deliver what is pending, then exit' })
  declare once: boolean

  @flags.boolean({
    description: 'Poll every tenant on a timer (the former design) instead of LISTEN/NOTIFY',
  })
  declare poll: boolean

  @flags.number({
    description: 'Milliseconds between safety polls (30000), or between polls with --poll (1000)',
  })
  declare interval?: number

  async run() {
    const worker = await makeEventWorker()
    if (this.once) {
      const handled = await worker.runUntilIdle()
      this.logger.info(`delivered ${handled} event(s)`)
      await this.terminate()
      return
    }
    this.logger.info('event worker started; stop with Ctrl+C')
    worker.start({ strategy: this.poll ? 'poll' : 'notify', intervalMs: this.interval })
    this.app.terminating(() => worker.stop())
  }
}
