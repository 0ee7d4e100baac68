import { computed, onMounted, reactive, ref } from 'vue'
import { api } from '~/lib/api'
import type { Message } from '../parts/thread_types'
import { streamUrlOf, useGenerationStreams } from './use_generation_streams'

/*
| One thread's conversation as the page shows it: the current branch of its
| message tree, the text of answers being written (live, from their streams),
| and the actions that grow or switch the branch. Each action answers with an
| error message for the page to show, or null.
*/
type Outcome = Promise<string | null>

const failure = (result: { message: string | null; fieldErrors: Record<string, string> }) =>
  result.message ?? (Object.values(result.fieldErrors).join(' ') || 'Something went wrong.')

export function useConversation(threadId: string, initial: Message[]) {
  const messages = ref<Message[]>(initial)
  /** Text streamed so far, by answer id, while it is being written. */
  const live = reactive<Record<string, string>>({})
  const streams = useGenerationStreams()
  const base = `/threads/${threadId}`

  const leaf = computed(() => messages.value.at(-1) ?? null)
  const writing = computed(() => messages.value.some((message) => message.status === 'streaming'))
  const textOf = (message: Message) => live[message.id] ?? message.content

  /** Re-reads the branch through `leafId` (else the one shown); follows answers still being written. */
  async function load(leafId = leaf.value?.id) {
    const query = leafId ? `?leafId=${leafId}` : ''
    const result = await api<{ data: Message[] }>('GET', `${base}/messages${query}`)
    if (!result.ok) return failure(result)
    messages.value = result.data.data
    followWriting()
    return null
  }

  function follow(message: Message) {
    streams.follow(message.id, streamUrlOf(message.id), {
      start: () => {
        live[message.id] = ''
      },
      delta: (text) => {
        live[message.id] = (live[message.id] ?? '') + text
      },
      end: async (result) => {
        // Shown at once; the saved answer (tokens, cost) replaces it when read back.
        const shown = messages.value.find((candidate) => candidate.id === message.id)
        if (shown)
          Object.assign(shown, {
            status: result.status,
            error: result.error,
            content: live[message.id] ?? '',
          })
        await load()
        delete live[message.id]
      },
    })
  }

  function followWriting() {
    for (const message of messages.value) if (message.status === 'streaming') follow(message)
  }
  onMounted(followWriting)

  /** A question under the branch's last message, answered by `modelId`. */
  async function ask(content: string, modelId: string | null): Outcome {
    const result = await api<{ data: { question: Message; answer: Message } }>(
      'POST',
      `${base}/messages`,
      {
        content,
        parentId: leaf.value?.id ?? null,
        modelId,
      }
    )
    if (!result.ok) return failure(result)
    const { question, answer } = result.data.data
    messages.value = [...messages.value, question, answer]
    follow(answer)
    return null
  }

  /** Another answer to the same question, beside this one. */
  async function regenerate(answer: Message, modelId: string | null): Outcome {
    const result = await api<{ data: { answer: Message } }>(
      'POST',
      `/threads/messages/${answer.id}/regenerate`,
      { modelId }
    )
    if (!result.ok) return failure(result)
    return load(result.data.data.answer.id)
  }

  /** The question edited and resent, beside the original; the old branch stays. */
  async function edit(question: Message, content: string, modelId: string | null): Outcome {
    const result = await api<{ data: { answer: Message } }>(
      'POST',
      `/threads/messages/${question.id}/edit`,
      { content, modelId }
    )
    if (!result.ok) return failure(result)
    return load(result.data.data.answer.id)
  }

  /** Stops an answer; its stream then ends as stopped, the text so far kept. */
  async function abort(answer: Message): Outcome {
    const result = await api('POST', `/threads/messages/${answer.id}/abort`)
    return result.ok || result.status === 409 ? null : failure(result)
  }

  /** Shows the branch through a sibling, and remembers it as the one this member looks at. */
  async function switchTo(siblingId: string): Outcome {
    const problem = await load(siblingId)
    if (problem) return problem
    const result = await api('PUT', `${base}/view`, { leafId: leaf.value!.id })
    return result.ok ? null : failure(result)
  }

  /** A new thread holding this branch up to `message`; answers its id. */
  async function fork(message: Message): Promise<{ id: string } | string> {
    const result = await api<{ data: { id: string } }>(
      'POST',
      `/threads/messages/${message.id}/fork`
    )
    return result.ok ? result.data.data : failure(result)
  }

  return {
    messages,
    leaf,
    writing,
    textOf,
    load,
    ask,
    regenerate,
    edit,
    abort,
    switchTo,
    fork,
  }
}
