/*
| One reader of a generation, as server-sent events: `delta` events carrying
| text, then one `end` event with the final status. Each event's id is its
| place in the generation's stream, so a reconnecting EventSource (which sends
| Last-Event-ID) continues exactly where it stopped. An answer that has already
| ended and left the bus is sent whole from its row.
*/
import { generationBus, type StoredEvent } from './generation_bus.js'

export interface StreamedMessage {
  id: string
  status: string
  content: string
  error: unknown
}

const frame = (id: string | null, event: string, data: unknown) =>
  `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

/** Writes the generation's events through `write` until it ends; returns a stop function. */
export function streamGeneration(
  message: StreamedMessage,
  after: string | null,
  write: (chunk: string) => void,
  end: () => void
) {
  const bus = generationBus()
  let lastId = after
  let stopped = false
  let reading = false
  let again = false
  let unwatch = () => {}
  // A comment every 15 s keeps proxies from closing a quiet stream.
  const keepAlive = setInterval(() => write(': keep-alive\n\n'), 15_000)

  const finish = () => {
    if (stopped) return
    stopped = true
    clearInterval(keepAlive)
    unwatch()
    end()
  }

  const send = (stored: StoredEvent) => {
    lastId = stored.id
    if (stored.event.type === 'delta') write(frame(stored.id, 'delta', { text: stored.event.text }))
    else {
      write(
        frame(stored.id, 'end', { status: stored.event.status, error: stored.event.error ?? null })
      )
      finish()
    }
  }

  /** Reads what is new; wakes that arrive meanwhile make it read once more. */
  const pump = async () => {
    if (reading) {
      again = true
      return
    }
    reading = true
    try {
      do {
        again = false
        const events = await bus.read(message.id, lastId)
        for (const stored of events) {
          if (stopped) return
          send(stored)
        }
      } while (again && !stopped)
    } finally {
      reading = false
    }
  }

  write('retry: 2000\n\n')
  unwatch = bus.watch(message.id, () => void pump())
  void (async () => {
    const events = await bus.read(message.id, lastId)
    if (events.length === 0 && message.status !== 'streaming' && !lastId) {
      // Ended before anyone listened and already gone from the bus: the row has it all.
      if (message.content) write(frame(null, 'delta', { text: message.content }))
      write(frame(null, 'end', { status: message.status, error: message.error ?? null }))
      finish()
      return
    }
    for (const stored of events) {
      if (stopped) return
      send(stored)
    }
    await pump()
  })()
  return finish
}
