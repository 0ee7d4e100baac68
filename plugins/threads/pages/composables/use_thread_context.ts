import { ref } from 'vue'
import { api } from '~/lib/api'
import type { ContextEntry } from '../parts/thread_types'

/*
| The context a thread carries (GET /:id/context): items whole or some of their
| passages, pinned ones first, then in the member's order. Each change answers
| with an error message for the page to show, or null, and calls `changed` so
| the context meter can ask again.
*/
type Outcome = Promise<string | null>

const failure = (result: { message: string | null; fieldErrors: Record<string, string> }) =>
  result.message ?? (Object.values(result.fieldErrors).join(' ') || 'Something went wrong.')

export function useThreadContext(threadId: string, initial: ContextEntry[], changed: () => void) {
  const entries = ref<ContextEntry[]>(initial)
  const base = `/threads/${threadId}/context`

  async function load(): Outcome {
    const result = await api<{ data: ContextEntry[] }>('GET', base)
    if (!result.ok) return failure(result)
    entries.value = result.data.data
    return null
  }

  async function run(
    request: Promise<{ ok: boolean; message: string | null; fieldErrors: Record<string, string> }>
  ): Outcome {
    const result = await request
    if (!result.ok) return failure(result)
    changed()
    return load()
  }

  /** An item, whole (no chunkIds) or some of its passages (added to those already chosen). */
  const add = (contentItemId: string, chunkIds?: string[]) =>
    run(api('POST', base, { contentItemId, ...(chunkIds ? { chunkIds } : {}) }))

  /** Every item of the project with the tag. */
  const addTag = (tagId: string) => run(api('POST', `${base}/tags`, { tagId }))

  const update = (
    itemId: string,
    change: { pinned?: boolean; relevance?: number; tokenBudget?: number | null }
  ) => run(api('PATCH', `${base}/${itemId}`, change))

  const remove = (itemId: string) => run(api('DELETE', `${base}/${itemId}`))

  /** Moves an entry one place up (-1) or down (+1) among the others. */
  function move(itemId: string, step: -1 | 1) {
    const ids = entries.value.map((entry) => entry.contentItemId)
    const from = ids.indexOf(itemId)
    const to = from + step
    if (from < 0 || to < 0 || to >= ids.length) return Promise.resolve(null)
    ;[ids[from], ids[to]] = [ids[to], ids[from]]
    return run(api('PUT', `${base}/order`, { itemIds: ids }))
  }

  /** Whether the whole item (no chunkId) or that passage of it is in the context already. */
  const has = (itemId: string, chunkId?: string) =>
    entries.value.some(
      (entry) =>
        entry.contentItemId === itemId &&
        (entry.chunkIds === null || (chunkId !== undefined && entry.chunkIds.includes(chunkId)))
    )

  return { entries, load, add, addTag, update, remove, move, has }
}
