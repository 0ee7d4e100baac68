import { onBeforeUnmount } from 'vue'

/*
| Answers being written, followed over server-sent events (`delta` {text}, then
| one `end` {status, error}). The server replays an answer from its start, so a
| page opened mid-answer shows what was written so far; each event carries an
| id, so the EventSource's own reconnection continues where it stopped. Every
| source is closed when it ends and when the page goes away.
*/
export interface StreamEnd {
  status: 'complete' | 'stopped' | 'failed'
  error: { kind: string; message: string } | null
}

export interface StreamHandlers {
  /** Called once when the stream opens: the text so far is replayed from here. */
  start(): void
  delta(text: string): void
  end(result: StreamEnd): void
}

export function useGenerationStreams() {
  const sources = new Map<string, EventSource>()

  function close(messageId: string) {
    sources.get(messageId)?.close()
    sources.delete(messageId)
  }

  /** Follows one answer; a second call for the same answer is ignored. */
  function follow(messageId: string, url: string, handlers: StreamHandlers) {
    if (sources.has(messageId)) return
    const source = new EventSource(url, { withCredentials: true })
    sources.set(messageId, source)
    handlers.start()
    source.addEventListener('delta', (event) => {
      handlers.delta(JSON.parse((event as MessageEvent<string>).data).text ?? '')
    })
    source.addEventListener('end', (event) => {
      close(messageId)
      handlers.end(JSON.parse((event as MessageEvent<string>).data))
    })
  }

  const following = (messageId: string) => sources.has(messageId)

  onBeforeUnmount(() => {
    for (const messageId of [...sources.keys()]) close(messageId)
  })

  return { follow, close, following }
}

export const streamUrlOf = (messageId: string) => `/api/v1/threads/messages/${messageId}/stream`
