import { computed, ref } from 'vue'
import { api } from '~/lib/api'
import type { Message } from '../parts/thread_types'

/*
| One thread's conversation as the page shows it: the current branch of its
| message tree, and switching between its branches. Each action answers with an
| error message for the page to show, or null.
*/
type Outcome = Promise<string | null>

const failure = (result: { message: string | null; fieldErrors: Record<string, string> }) =>
  result.message ?? (Object.values(result.fieldErrors).join(' ') || 'Something went wrong.')

export function useConversation(threadId: string, initial: Message[]) {
  const messages = ref<Message[]>(initial)
  const base = `/threads/${threadId}`

  const leaf = computed(() => messages.value.at(-1) ?? null)
  const writing = computed(() => messages.value.some((message) => message.status === 'streaming'))
  const textOf = (message: Message) => message.content

  /** Re-reads the branch through `leafId` (else the one shown). */
  async function load(leafId = leaf.value?.id) {
    const query = leafId ? `?leafId=${leafId}` : ''
    const result = await api<{ data: Message[] }>('GET', `${base}/messages${query}`)
    if (!result.ok) return failure(result)
    messages.value = result.data.data
    return null
  }

  /** Shows the branch through a sibling, and remembers it as the one this member looks at. */
  async function switchTo(siblingId: string): Outcome {
    const problem = await load(siblingId)
    if (problem) return problem
    const result = await api('PUT', `${base}/view`, { leafId: leaf.value!.id })
    return result.ok ? null : failure(result)
  }

  return { messages, leaf, writing, textOf, load, switchTo }
}
