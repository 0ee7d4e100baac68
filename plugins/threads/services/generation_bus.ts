/*
| Where a generation's events live while it runs, so any app instance can
| serve them: a Redis stream per generation (replay from any point: a reload
| mid-answer gets the text so far, then the rest live) plus one pub/sub
| channel that wakes readers and carries abort requests to the instance
| running the generation. Without Redis (a single instance) the same in memory.
|
| Events expire an hour after the last one; by then the message row holds the
| answer.
*/
import { EventEmitter } from 'node:events'
import { Redis, type RedisOptions } from 'ioredis'

export type GenerationEvent =
  | { type: 'delta'; text: string }
  | {
      type: 'end'
      status: 'complete' | 'stopped' | 'failed'
      error?: { kind: string; message: string } | null
    }

export interface StoredEvent {
  /** Increasing within a generation; a reader resumes after the last id it saw. */
  id: string
  event: GenerationEvent
}

export interface GenerationBus {
  append(generationId: string, events: GenerationEvent[]): Promise<void>
  /** Events after `afterId` (all when null), oldest first. */
  read(generationId: string, afterId: string | null): Promise<StoredEvent[]>
  /** Calls `wake` whenever the generation has new events; returns the unsubscribe. */
  watch(generationId: string, wake: () => void): () => void
  /** Asks whichever instance runs the generation to stop it. */
  requestAbort(generationId: string): Promise<void>
  onAbort(handler: (generationId: string) => void): void
  /** The running instance says so every few seconds; a generation nobody runs is dead. */
  markAlive(generationId: string): Promise<void>
  isAlive(generationId: string): Promise<boolean>
  close(): Promise<void>
}

const TTL_SECONDS = 3600
const ALIVE_SECONDS = 20
const NOTIFY = 'cn:generations:notify'
const ABORT = 'cn:generations:abort'
const streamKey = (id: string) => `cn:generation:${id}`
const aliveKey = (id: string) => `cn:generation:${id}:alive`

class LocalSignals {
  readonly wakes = new EventEmitter().setMaxListeners(0)
  readonly aborts: ((id: string) => void)[] = []

  watch(id: string, wake: () => void) {
    this.wakes.on(id, wake)
    return () => void this.wakes.off(id, wake)
  }

  abort(id: string) {
    for (const handler of this.aborts) handler(id)
  }
}

export class RedisGenerationBus implements GenerationBus {
  readonly #commands: Redis
  readonly #subscriber: Redis
  readonly #signals = new LocalSignals()
  readonly #ready: Promise<unknown>

  constructor(options: RedisOptions) {
    this.#commands = new Redis(options)
    this.#subscriber = new Redis(options)
    this.#subscriber.on('message', (channel: string, id: string) => {
      if (channel === NOTIFY) this.#signals.wakes.emit(id)
      else if (channel === ABORT) this.#signals.abort(id)
    })
    this.#ready = this.#subscriber.subscribe(NOTIFY, ABORT)
  }

  async append(id: string, events: GenerationEvent[]) {
    if (events.length === 0) return
    const pipeline = this.#commands.multi()
    for (const event of events) pipeline.xadd(streamKey(id), '*', 'e', JSON.stringify(event))
    pipeline.expire(streamKey(id), TTL_SECONDS)
    pipeline.publish(NOTIFY, id)
    await pipeline.exec()
  }

  async read(id: string, afterId: string | null) {
    const entries = await this.#commands.xrange(streamKey(id), afterId ? `(${afterId}` : '-', '+')
    return entries.map(([entryId, fields]) => ({
      id: entryId,
      event: JSON.parse(fields[1]) as GenerationEvent,
    }))
  }

  watch(id: string, wake: () => void) {
    return this.#signals.watch(id, wake)
  }

  async requestAbort(id: string) {
    await this.#ready
    await this.#commands.publish(ABORT, id)
  }

  onAbort(handler: (id: string) => void) {
    this.#signals.aborts.push(handler)
  }

  async markAlive(id: string) {
    await this.#commands.set(aliveKey(id), '1', 'EX', ALIVE_SECONDS)
  }

  async isAlive(id: string) {
    return (await this.#commands.exists(aliveKey(id))) === 1
  }

  /** Resolves once the subscriber listens (so no notification sent after it is missed). */
  ready() {
    return this.#ready
  }

  async close() {
    await Promise.allSettled([this.#commands.quit(), this.#subscriber.quit()])
  }
}

/** One instance, no Redis: the same contract in memory. */
export class MemoryGenerationBus implements GenerationBus {
  readonly #streams = new Map<string, { events: StoredEvent[]; timer?: NodeJS.Timeout }>()
  readonly #alive = new Map<string, number>()
  readonly #signals = new LocalSignals()
  #sequence = 0

  async append(id: string, events: GenerationEvent[]) {
    const stream = this.#streams.get(id) ?? { events: [] }
    this.#streams.set(id, stream)
    for (const event of events) stream.events.push({ id: `${++this.#sequence}-0`, event })
    clearTimeout(stream.timer)
    stream.timer = setTimeout(() => this.#streams.delete(id), TTL_SECONDS * 1000).unref()
    this.#signals.wakes.emit(id)
  }

  async read(id: string, afterId: string | null) {
    const events = this.#streams.get(id)?.events ?? []
    if (!afterId) return [...events]
    const after = Number(afterId.split('-')[0])
    return events.filter((stored) => Number(stored.id.split('-')[0]) > after)
  }

  watch(id: string, wake: () => void) {
    return this.#signals.watch(id, wake)
  }

  async requestAbort(id: string) {
    this.#signals.abort(id)
  }

  onAbort(handler: (id: string) => void) {
    this.#signals.aborts.push(handler)
  }

  async markAlive(id: string) {
    this.#alive.set(id, Date.now() + ALIVE_SECONDS * 1000)
  }

  async isAlive(id: string) {
    return (this.#alive.get(id) ?? 0) > Date.now()
  }

  async close() {
    for (const stream of this.#streams.values()) clearTimeout(stream.timer)
  }
}

let shared: GenerationBus | undefined

/** The process's bus: on Redis when REDIS_HOST is set, else in memory. */
export function generationBus(): GenerationBus {
  if (!shared) {
    // process.env, not #start/env: plugin manifests (and so this module) are
    // imported before the app's environment is validated.
    const host = process.env.REDIS_HOST
    shared = host
      ? new RedisGenerationBus({
          host,
          port: Number(process.env.REDIS_PORT || 6379),
          password: process.env.REDIS_PASSWORD || undefined,
          maxRetriesPerRequest: 3,
        })
      : new MemoryGenerationBus()
  }
  return shared
}

export async function closeGenerationBus() {
  await shared?.close()
  shared = undefined
}
