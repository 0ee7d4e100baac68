import type { Logger } from '@adonisjs/core/logger'
import { OutboxListener } from './listener.js'
import type { EventWorker, RoundOutcome } from './worker.js'

export interface LoopOptions {
  /**
   * 'notify' (default): rounds run when PostgreSQL notifies a commit that wrote
   * events, plus a slow safety poll. 'poll': the former design, a round over
   * every tenant × consumer every `intervalMs`.
   */
  strategy?: 'notify' | 'poll'
  /** 'poll': the pause between rounds. 'notify': the safety poll (default 30 s). */
  intervalMs?: number
}

/** First and last pause before looking again at events held back by a running transaction. */
const WAITING_FIRST_MS = 20
const WAITING_MAX_MS = 2_000

/**
 * Decides when the worker runs a round. With 'notify', an idle worker sends no
 * query at all between safety polls: it sleeps on its LISTEN connection. It
 * wakes early for two things no notification announces: events held back
 * behind an older transaction still running (checked again with a growing
 * pause) and a failed delivery's retry time.
 */
export class DeliveryLoop {
  #timer?: NodeJS.Timeout
  #running?: Promise<void>
  #again = false
  #stopped = false
  #waitingPause = WAITING_FIRST_MS
  #listener?: OutboxListener

  constructor(
    private worker: EventWorker,
    private logger: Logger,
    private options: LoopOptions = {}
  ) {}

  start() {
    if (this.options.strategy === 'poll') {
      this.#schedule(0)
      return
    }
    this.#listener = new OutboxListener(() => this.wake(), this.logger)
    // The listener wakes the loop once it listens; until then the first round runs anyway.
    this.#listener.connect()
    this.wake()
  }

  /** Runs a round now, or right after the one in progress. */
  wake() {
    if (this.#stopped) return
    if (this.#running) {
      this.#again = true
      return
    }
    clearTimeout(this.#timer)
    this.#running = this.#rounds().finally(() => (this.#running = undefined))
  }

  async stop() {
    this.#stopped = true
    clearTimeout(this.#timer)
    await this.#listener?.close()
    await this.#running
  }

  async #rounds() {
    let outcome: RoundOutcome = { handled: 0, waiting: false, nextRetryAt: null }
    do {
      this.#again = false
      try {
        outcome = await this.#round()
        if (outcome.handled > 0) this.#again = true
      } catch (error) {
        this.logger.error({ err: error }, 'event worker round failed')
        outcome = { handled: 0, waiting: false, nextRetryAt: null }
      }
    } while (this.#again && !this.#stopped)
    this.#scheduleAfter(outcome)
  }

  async #round(): Promise<RoundOutcome> {
    if (this.options.strategy === 'poll') {
      return { handled: await this.worker.pollOnce(), waiting: false, nextRetryAt: null }
    }
    const outcome = await this.worker.round()
    if (outcome.handled > 0 || !outcome.waiting) this.#waitingPause = WAITING_FIRST_MS
    return outcome
  }

  #scheduleAfter(outcome: RoundOutcome) {
    if (this.#stopped) return
    if (this.options.strategy === 'poll') {
      this.#schedule(this.options.intervalMs ?? 1000)
      return
    }
    let delay = this.options.intervalMs ?? 30_000
    if (outcome.waiting) {
      delay = Math.min(delay, this.#waitingPause)
      this.#waitingPause = Math.min(this.#waitingPause * 2, WAITING_MAX_MS)
    }
    if (outcome.nextRetryAt) {
      // A few ms late, so the retry time has surely passed for the database too.
      delay = Math.min(delay, Math.max(0, outcome.nextRetryAt.getTime() - Date.now()) + 5)
    }
    this.#schedule(delay)
  }

  #schedule(delay: number) {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.wake(), delay)
  }
}
