/*
| A thread's messages form a tree (message_relationships): every message but
| a first one has one parent; regenerated answers and edited questions are
| siblings under the same parent, and nothing is ever deleted to branch. A
| branch is the path from a root to a leaf; the page shows one branch and a
| "2 / 3" switcher wherever a message has siblings.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'

export interface MessageRow {
  id: string
  thread_id: string
  user_id: string | null
  role: 'system' | 'user' | 'assistant'
  content: string
  status: 'complete' | 'streaming' | 'stopped' | 'failed'
  error: { kind: string; message: string } | null
  model_id: string | null
  model_name: string | null
  tokens_input: number | null
  tokens_output: number | null
  tokens_cached: number | null
  tokens_total: number | null
  cost: string | null
  metadata: Record<string, unknown>
  requested_by: string | null
  created_at: Date
  finished_at: Date | null
}

/** Every column but the context snapshot, which only "what the model saw" reads. */
export const MESSAGE_COLUMNS = [
  'id',
  'thread_id',
  'user_id',
  'role',
  'content',
  'status',
  'error',
  'model_id',
  'model_name',
  'tokens_input',
  'tokens_output',
  'tokens_cached',
  'tokens_total',
  'cost',
  'metadata',
  'requested_by',
  'created_at',
  'finished_at',
]

const byAge = (a: MessageRow, b: MessageRow) =>
  a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id)

export class MessageTree {
  readonly #messages = new Map<string, MessageRow>()
  readonly #parent = new Map<string, string>()
  readonly #children = new Map<string, string[]>()
  readonly roots: string[] = []

  constructor(messages: MessageRow[], links: { parent: string; child: string }[]) {
    for (const message of [...messages].sort(byAge)) this.#messages.set(message.id, message)
    for (const { parent, child } of links) this.#parent.set(child, parent)
    // Children and roots in the order they were written: the switcher counts in that order.
    for (const message of this.#messages.values()) {
      const parent = this.#parent.get(message.id)
      if (!parent) this.roots.push(message.id)
      else this.#children.set(parent, [...(this.#children.get(parent) ?? []), message.id])
    }
  }

  get size() {
    return this.#messages.size
  }

  get(id: string) {
    return this.#messages.get(id)
  }

  parentOf(id: string) {
    return this.#parent.get(id) ?? null
  }

  childrenOf(id: string) {
    return this.#children.get(id) ?? []
  }

  /** The message and its siblings (itself included), oldest first. */
  siblingsOf(id: string) {
    const parent = this.#parent.get(id)
    return parent ? this.childrenOf(parent) : this.roots
  }

  /** Root → message. */
  pathTo(id: string): MessageRow[] {
    const path: MessageRow[] = []
    for (let at: string | undefined = id; at; at = this.#parent.get(at)) {
      path.unshift(this.#messages.get(at)!)
    }
    return path
  }

  /** The branch through a message: root → message → its newest descendants. */
  branchThrough(id: string): MessageRow[] {
    const path = this.pathTo(id)
    let children = this.childrenOf(id)
    while (children.length > 0) {
      const newest = children[children.length - 1]
      path.push(this.#messages.get(newest)!)
      children = this.childrenOf(newest)
    }
    return path
  }

  /** The branch shown when a member has not chosen one: the newest at every fork. */
  newestBranch(): MessageRow[] {
    if (this.roots.length === 0) return []
    return this.branchThrough(this.roots[this.roots.length - 1])
  }

  /** The branch a member sees: through `leafId` while it is in the tree, else the newest. */
  shownBranch(leafId: string | null): MessageRow[] {
    return leafId && this.#messages.has(leafId) ? this.branchThrough(leafId) : this.newestBranch()
  }

  /** This tree with a message just written under `parentId` (no reload from the database). */
  with(message: MessageRow, parentId: string | null): MessageTree {
    const links = [...this.#parent].map(([child, parent]) => ({ parent, child }))
    if (parentId) links.push({ parent: parentId, child: message.id })
    return new MessageTree([...this.#messages.values(), message], links)
  }
}

/** The thread's whole conversation tree (without context snapshots). */
export async function loadTree(trx: TenantTransaction, threadId: string) {
  const messages: MessageRow[] = await trx
    .from('messages')
    .where('thread_id', threadId)
    .select(MESSAGE_COLUMNS)
  const links = await trx
    .from('message_relationships as r')
    .join('messages as m', 'm.id', 'r.child_message_id')
    .where('m.thread_id', threadId)
    .select('r.parent_message_id as parent', 'r.child_message_id as child')
  return new MessageTree(messages, links)
}

export interface NewMessage {
  tenantId: string
  threadId: string
  role: 'user' | 'assistant'
  content: string
  userId?: string | null
  status?: MessageRow['status']
  modelId?: string | null
  modelName?: string | null
  requestedBy?: string | null
  metadata?: Record<string, unknown>
}

/** Writes a message under `parentId` (null: a new root) with the given kind of link. */
export async function addMessage(
  trx: TenantTransaction,
  message: NewMessage,
  parentId: string | null,
  relationship: 'response' | 'alternative' | 'edit' = 'response'
): Promise<MessageRow> {
  const [row] = await trx
    .table('messages')
    .insert({
      tenant_id: message.tenantId,
      thread_id: message.threadId,
      role: message.role,
      content: message.content,
      user_id: message.userId ?? null,
      status: message.status ?? 'complete',
      model_id: message.modelId ?? null,
      model_name: message.modelName ?? null,
      requested_by: message.requestedBy ?? null,
      metadata: JSON.stringify(message.metadata ?? {}),
      // Siblings written in one request still order by creation.
      created_at: trx.raw('clock_timestamp()'),
    })
    .returning(MESSAGE_COLUMNS)
  if (parentId) {
    const [{ count }] = await trx
      .from('message_relationships')
      .where('parent_message_id', parentId)
      .count('* as count')
    await trx.table('message_relationships').insert({
      tenant_id: message.tenantId,
      parent_message_id: parentId,
      child_message_id: row.id,
      relationship_type: relationship,
      position: Number(count),
    })
  }
  return row
}
