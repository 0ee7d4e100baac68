import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'
import { api } from '~/lib/api'
import type { Preview } from '../parts/thread_types'

/** Typing pauses this long before the meter asks again. */
const DEBOUNCE_MS = 400

/*
| The live context meter: what sending the draft now would put in the model's
| window (POST /:id/preview), re-asked a moment after the draft, the model or
| the branch changes, and when the chosen context changes (`refresh`). Only the
| latest answer counts; an older one arriving late is dropped.
*/
export function useContextMeter(
  threadId: string,
  draft: Ref<string>,
  modelId: Ref<string | null>,
  parentId: () => string | null
) {
  const preview = ref<Preview | null>(null)
  const problem = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let asked = 0

  async function refresh() {
    if (!modelId.value) return
    const ticket = ++asked
    const result = await api<{ data: Preview }>('POST', `/threads/${threadId}/preview`, {
      content: draft.value,
      modelId: modelId.value,
      parentId: parentId(),
    })
    if (ticket !== asked) return
    if (result.ok) {
      preview.value = result.data.data
      problem.value = null
    } else {
      problem.value =
        result.fieldErrors.content ?? result.message ?? Object.values(result.fieldErrors).join(' ')
    }
  }

  function later() {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void refresh(), DEBOUNCE_MS)
  }

  watch([draft, modelId, parentId], later)
  onMounted(refresh)
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
  })

  return { preview, problem, refresh }
}
