import { Redis, type RedisOptions } from 'ioredis'

type Handler = (payload: any) => void

/**
 * Transmit's transport over Redis pub/sub, on the project's own ioredis
 * (the packaged one requires an older ioredis). Messages travel as JSON
 * `{ busId, payload }`; an instance ignores what it published itself.
 */
export class RedisBusTransport {
  #publisher: Redis
  #subscriber: Redis
  #handlers = new Map<string, Handler[]>()
  #id = ''

  constructor(options: RedisOptions) {
    this.#publisher = new Redis(options)
    this.#subscriber = new Redis(options)
    this.#subscriber.on('message', (channel: string, message: string) =>
      this.#receive(channel, message)
    )
  }

  setId(id: string) {
    this.#id = id
    return this
  }

  onReconnect(callback: () => void) {
    this.#subscriber.on('reconnecting', callback)
  }

  async publish(channel: string, payload: unknown) {
    await this.#publisher.publish(channel, JSON.stringify({ busId: this.#id, payload }))
  }

  async subscribe(channel: string, handler: Handler) {
    this.#handlers.set(channel, [...(this.#handlers.get(channel) ?? []), handler])
    await this.#subscriber.subscribe(channel)
  }

  async unsubscribe(channel: string) {
    await this.#subscriber.unsubscribe(channel)
    this.#handlers.delete(channel)
  }

  async disconnect() {
    await Promise.all([this.#publisher.quit(), this.#subscriber.quit()])
  }

  #receive(channel: string, message: string) {
    let data: { busId?: string; payload?: unknown }
    try {
      data = JSON.parse(message)
    } catch {
      return
    }
    if (typeof data.busId !== 'string' || data.busId === this.#id) return
    for (const handler of this.#handlers.get(channel) ?? []) handler(data.payload)
  }
}
