import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import type { Logger } from '@adonisjs/core/logger'

/** The channel the domain_events insert trigger notifies (migration 0006). */
export const OUTBOX_CHANNEL = 'domain_events'

/**
 * One dedicated connection LISTENing on the outbox channel: PostgreSQL tells
 * it when a transaction that wrote events commits. It reconnects on its own
 * after a failure and then calls `onWake` too, since notifications sent while
 * it was away are lost.
 */
export class OutboxListener {
  #client?: pg.Client
  #closed = false
  #retryTimer?: NodeJS.Timeout
  #failures = 0

  constructor(
    private onWake: (tenantId: string | null) => void,
    private logger: Logger
  ) {}

  async connect() {
    if (this.#closed) return
    const connection = db.getRawConnection(db.primaryConnectionName)?.config.connection
    const client = new pg.Client(connection as pg.ClientConfig)
    client.on('notification', (message) => this.onWake(message.payload || null))
    client.on('error', (error) => this.#lost(client, error))
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      await client.query(`listen ${OUTBOX_CHANNEL}`)
      this.#client = client
      this.#failures = 0
      this.onWake(null)
    } catch (error) {
      this.#lost(client, error as Error)
    }
  }

  #lost(client: pg.Client, error?: Error) {
    if (this.#client && this.#client !== client) return
    this.#client = undefined
    client.removeAllListeners('end')
    client.end().catch(() => {})
    if (this.#closed || this.#retryTimer) return
    const delay = Math.min(500 * 2 ** this.#failures++, 30_000)
    this.logger.warn({ err: error, retryInMs: delay }, 'event listener lost its connection')
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined
      this.connect()
    }, delay)
  }

  async close() {
    this.#closed = true
    clearTimeout(this.#retryTimer)
    const client = this.#client
    this.#client = undefined
    if (client) {
      client.removeAllListeners('end')
      await client.end().catch(() => {})
    }
  }
}
