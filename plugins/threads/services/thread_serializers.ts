/*
| How threads leave the API: one summary shape for lists, the tree and the
| detail view, and the tree assembled from a project's rows and relationships.
*/
import type { ThreadRow } from './thread_access.js'
import {
  byPinThenRecency,
  type LinkType,
  type RelationshipRow,
  type ThreadListRow,
} from './thread_tree.js'

const iso = (value: Date | string | null | undefined) =>
  value ? new Date(value).toISOString() : null

export interface ThreadLink {
  threadId: string
  type: LinkType
  /**
   * 'out': this thread <type> threadId (this thread branches from it);
   * 'in': threadId <type> this thread (it branches from this one).
   */
  direction: 'in' | 'out'
}

export interface SerializedThread {
  id: string
  projectId: string
  name: string
  description: string | null
  type: ThreadRow['thread_type']
  status: ThreadRow['status']
  pinned: boolean
  modelId: string | null
  createdBy: string | null
  createdAt: string | null
  updatedAt: string | null
  archivedAt: string | null
  messageCount: number
  lastMessageAt: string | null
  parentId: string | null
  links: ThreadLink[]
}

export interface ThreadNode extends SerializedThread {
  children: ThreadNode[]
}

/** The links of one thread among a set of relationships, seen from that thread. */
export function linksOf(threadId: string, relations: RelationshipRow[]): ThreadLink[] {
  const links: ThreadLink[] = []
  for (const row of relations) {
    if (row.relationship_type === 'contains') continue
    if (row.child_thread_id === threadId) {
      links.push({ threadId: row.parent_thread_id, type: row.relationship_type, direction: 'out' })
    } else if (row.parent_thread_id === threadId) {
      links.push({ threadId: row.child_thread_id, type: row.relationship_type, direction: 'in' })
    }
  }
  return links
}

export function serializeThread(
  row: ThreadRow & Partial<Pick<ThreadListRow, 'message_count' | 'last_message_at'>>,
  parentId: string | null,
  links: ThreadLink[]
): SerializedThread {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    description: row.description,
    type: row.thread_type,
    status: row.status,
    pinned: row.is_pinned,
    modelId: row.model_id,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    archivedAt: iso(row.archived_at),
    messageCount: Number(row.message_count ?? 0),
    lastMessageAt: iso(row.last_message_at),
    parentId,
    links,
  }
}

/** child id → container id, from the 'contains' rows. */
export function containers(relations: RelationshipRow[]) {
  const map = new Map<string, RelationshipRow>()
  for (const row of relations) {
    if (row.relationship_type === 'contains') map.set(row.child_thread_id, row)
  }
  return map
}

/**
 * The listed threads as a tree. A thread whose container is not listed (not
 * in the project, or filtered out by status) is a root here, its `parentId`
 * still saying where it really sits. Roots: pinned first, then the most
 * recently updated; children: pinned first, then in the order they were
 * placed (see the move endpoint's `position`).
 */
export function buildTree(rows: ThreadListRow[], relations: RelationshipRow[]): ThreadNode[] {
  const containerOf = containers(relations)
  const nodes = new Map<string, ThreadNode>()
  for (const row of rows) {
    const parentId = containerOf.get(row.id)?.parent_thread_id ?? null
    nodes.set(row.id, {
      ...serializeThread(row, parentId, linksOf(row.id, relations)),
      children: [],
    })
  }
  const roots: ThreadListRow[] = []
  const childrenOf = new Map<string, ThreadListRow[]>()
  for (const row of rows) {
    const parentId = containerOf.get(row.id)?.parent_thread_id
    if (parentId && nodes.has(parentId)) {
      childrenOf.set(parentId, [...(childrenOf.get(parentId) ?? []), row])
    } else {
      roots.push(row)
    }
  }
  const positionOf = (row: ThreadListRow) => containerOf.get(row.id)?.position ?? 0
  for (const [parentId, children] of childrenOf) {
    children.sort((a, b) =>
      a.is_pinned !== b.is_pinned
        ? a.is_pinned
          ? -1
          : 1
        : positionOf(a) - positionOf(b) || byPinThenRecency(a, b)
    )
    nodes.get(parentId)!.children = children.map((child) => nodes.get(child.id)!)
  }
  return roots.sort(byPinThenRecency).map((row) => nodes.get(row.id)!)
}

/**
 * The names from the root down to each thread (itself included), over the
 * whole project's rows: a search lists threads flat, each with where it sits.
 */
export function pathsOf(allRows: ThreadRow[], relations: RelationshipRow[]) {
  const containerOf = containers(relations)
  const names = new Map(allRows.map((row) => [row.id, row.name]))
  const paths = new Map<string, string[]>()
  for (const row of allRows) {
    const path = [row.name]
    const seen = new Set([row.id])
    let parent = containerOf.get(row.id)?.parent_thread_id
    // `seen` guards against a cycle the database would not prevent on its own.
    while (parent && names.has(parent) && !seen.has(parent)) {
      seen.add(parent)
      path.unshift(names.get(parent)!)
      parent = containerOf.get(parent)?.parent_thread_id
    }
    paths.set(row.id, path)
  }
  return paths
}
