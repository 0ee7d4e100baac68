import { computed, ref } from 'vue'
import { api } from '~/lib/api'
import type { ThreadNode, ThreadSummary } from '../parts/thread_types'

/*
| A project's threads as a tree (roots with their children, pinned first) and
| what a member does to them. After each change the tree is read again, so the
| order is always the server's. Each action answers with an error message or
| null (create: the new thread).
*/
const failure = (result: { message: string | null; fieldErrors: Record<string, string> }) =>
  result.message ?? (Object.values(result.fieldErrors).join(' ') || 'Something went wrong.')

export function useThreadTree(projectId: string, initial: ThreadNode[]) {
  const threads = ref<ThreadNode[]>(initial)

  /** Every thread, depth-first, with its depth: names for links, targets for "Move under". */
  const flat = computed(() => {
    const list: { thread: ThreadNode; depth: number }[] = []
    const walk = (nodes: ThreadNode[], depth: number) => {
      for (const node of nodes) {
        list.push({ thread: node, depth })
        walk(node.children, depth + 1)
      }
    }
    walk(threads.value, 0)
    return list
  })
  const nameOf = (threadId: string) =>
    flat.value.find((entry) => entry.thread.id === threadId)?.thread.name ?? null

  /** The thread and everything under it: none of them can become its parent. */
  function subtreeIds(threadId: string) {
    const found = flat.value.find((entry) => entry.thread.id === threadId)?.thread
    const ids = new Set<string>()
    const walk = (node: ThreadNode) => {
      ids.add(node.id)
      node.children.forEach(walk)
    }
    if (found) walk(found)
    return ids
  }

  async function load() {
    const result = await api<{ data: ThreadNode[] }>('GET', `/threads/projects/${projectId}`)
    if (result.ok) threads.value = result.data.data
    return result.ok ? null : failure(result)
  }

  async function run(
    request: Promise<{ ok: boolean; message: string | null; fieldErrors: Record<string, string> }>
  ) {
    const result = await request
    if (!result.ok) return failure(result)
    return load()
  }

  async function create(name: string, parentId: string | null): Promise<ThreadSummary | string> {
    const result = await api<{ data: ThreadSummary }>('POST', `/threads/projects/${projectId}`, {
      name,
      parentId,
    })
    if (!result.ok) return failure(result)
    await load()
    return result.data.data
  }

  const update = (
    threadId: string,
    change: { name?: string; pinned?: boolean; status?: 'active' | 'archived' }
  ) => run(api('PATCH', `/threads/${threadId}`, change))
  const move = (threadId: string, parentId: string | null) =>
    run(api('POST', `/threads/${threadId}/move`, { parentId }))
  const remove = (threadId: string) => run(api('DELETE', `/threads/${threadId}`))

  return { threads, flat, nameOf, subtreeIds, load, create, update, move, remove }
}
