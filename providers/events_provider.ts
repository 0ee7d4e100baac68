import type { ApplicationService } from '@adonisjs/core/types'
import type { EventWorker } from '#events/worker'

/**
 * With EVENTS_IN_PROCESS_WORKER, the web process delivers domain events itself
 * (development and single-instance installs); otherwise run `node ace events:work`.
 */
export default class EventsProvider {
  #worker?: EventWorker

  constructor(protected app: ApplicationService) {}

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { default: env } = await import('#start/env')
    if (!env.get('EVENTS_IN_PROCESS_WORKER')) return
    const { makeEventWorker } = await import('#events/make_worker')
    this.#worker = await makeEventWorker()
    this.#worker.start()
  }

  async shutdown() {
    await this.#worker?.stop()
  }
}
