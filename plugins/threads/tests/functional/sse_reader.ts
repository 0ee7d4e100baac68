/** Reads server-sent events from a fetch response, frame by frame. */
export interface SseEvent {
  id: string | null
  event: string
  data: any
}

export async function openStream(url: string, token: string, lastEventId?: string) {
  const controller = new AbortController()
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  })
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const events: SseEvent[] = []

  /** Reads until `done(events)` holds or the stream ends; returns every event so far. */
  async function until(done: (events: SseEvent[]) => boolean, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs
    while (!done(events)) {
      if (Date.now() > deadline) throw new Error(`stream: timed out with ${JSON.stringify(events)}`)
      const { value, done: ended } = await reader.read()
      if (ended) break
      buffer += decoder.decode(value, { stream: true })
      let at: number
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, at)
        buffer = buffer.slice(at + 2)
        const fields = Object.fromEntries(
          frame
            .split('\n')
            .filter((line) => line && !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()])
        )
        if (fields.event) {
          events.push({ id: fields.id ?? null, event: fields.event, data: JSON.parse(fields.data) })
        }
      }
    }
    return events
  }

  return {
    response,
    events,
    until,
    text: () => events.filter((e) => e.event === 'delta').map((e) => e.data.text).join(''),
    close: () => controller.abort(),
  }
}
