import { router } from '@inertiajs/vue3'
import { computed, onBeforeUnmount, onMounted, reactive } from 'vue'
import { liveClient } from '~/lib/live'

/*
 * Live ingestion status: each step is pushed over server-sent events (to the user who
 * added the content); the rows show it in place, and re-read the items when it is done.
 * An update counts only for the version it is about and while the page still says
 * pending, so a status is never older than what the server said. Items still pending
 * are re-read every few seconds too, for changes pushed to someone else or missed.
 */

interface Progress {
  itemId: string
  version: number
  step: 'chunked' | 'embedded' | 'done'
  chunks: number
  textStatus?: 'indexed' | 'none'
}

interface Listed {
  id: string
  version: number
  textStatus?: string
  chunks?: number | null
}

type Opened = Listed & { ingestion?: { chunks: number } | null }

const POLL_MS = 8000

export function useLiveStatus(
  items: () => Listed[],
  opened: () => Opened | null,
  userId: () => string | null
) {
  const live = reactive<
    Record<string, { version: number; textStatus: string; chunks: number | null }>
  >({})

  function statusOf(item: Listed) {
    const update = live[item.id]
    if ((item.textStatus ?? 'pending') === 'pending' && update && update.version === item.version) {
      return update
    }
    return { textStatus: item.textStatus ?? 'pending', chunks: item.chunks ?? null }
  }

  const openedStatus = computed(() => {
    const item = opened()
    return item ? statusOf({ ...item, chunks: item.ingestion?.chunks ?? null }) : null
  })
  const anyPending = computed(
    () =>
      items().some((item) => statusOf(item).textStatus === 'pending') ||
      openedStatus.value?.textStatus === 'pending'
  )

  let stopListening: (() => void) | null = null
  let poll: ReturnType<typeof setInterval> | null = null
  onMounted(() => {
    poll = setInterval(() => {
      if (anyPending.value && document.visibilityState === 'visible') {
        router.reload({ only: ['items', 'opened'] })
      }
    }, POLL_MS)
    const id = userId()
    if (!id) return
    const subscription = liveClient().subscription(`users/${id}/ingestion`)
    stopListening = subscription.onMessage<Progress>((update) => {
      live[update.itemId] = {
        version: update.version,
        textStatus:
          update.step === 'done' ? (update.textStatus === 'none' ? 'none' : 'indexed') : 'pending',
        chunks: update.step === 'done' ? update.chunks : null,
      }
      if (update.step === 'done') router.reload({ only: ['items', 'opened'] })
    })
    void subscription.create()
  })
  onBeforeUnmount(() => {
    // Only this page's handler goes: the subscription is shared (the upload panel follows it too).
    stopListening?.()
    if (poll) clearInterval(poll)
  })

  return { statusOf, openedStatus }
}
