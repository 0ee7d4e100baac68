import type { MessageRow, MessageTree } from './message_tree.js'

/** A message as the API shows it, with its place in the tree when the tree is given. */
export function serializeMessage(row: MessageRow, tree?: MessageTree) {
  const siblings = tree ? tree.siblingsOf(row.id) : [row.id]
  return {
    id: row.id,
    threadId: row.thread_id,
    role: row.role,
    content: row.content,
    status: row.status,
    error: row.error,
    userId: row.user_id,
    model: row.model_name ? { id: row.model_id, name: row.model_name } : null,
    tokens:
      row.tokens_total === null
        ? null
        : {
            input: row.tokens_input,
            output: row.tokens_output,
            cached: row.tokens_cached,
            total: row.tokens_total,
          },
    cost: row.cost === null ? null : Number(row.cost),
    usageEstimated: row.metadata?.usageEstimated === true,
    warnings: (row.metadata?.warnings as string[] | undefined) ?? [],
    forkedFrom: (row.metadata?.forkedFrom as string | undefined) ?? null,
    parentId: tree ? tree.parentOf(row.id) : null,
    siblings: { ids: siblings, index: siblings.indexOf(row.id) },
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }
}

/** The context meter and "what the model saw": parts with their origin and tokens. */
export function serializeAssembly(assembled: {
  window: number
  reservedOutput: number
  available: number
  used: number
  byOrigin: Record<string, number>
  parts: any[]
  dropped: any[]
  warnings: string[]
}) {
  return {
    window: assembled.window,
    reservedOutput: assembled.reservedOutput,
    available: assembled.available,
    used: assembled.used,
    byOrigin: assembled.byOrigin,
    parts: assembled.parts,
    dropped: assembled.dropped,
    warnings: assembled.warnings,
  }
}
