/*
| What the threads API reads: a project's threads as a tree (or, searched, as
| a flat list with where each one sits) and one thread with its surroundings.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { ThreadAccess } from './thread_access.js'
import {
  projectRelationships,
  projectThreads,
  threadsById,
  type ThreadStatusFilter,
} from './thread_tree.js'
import { buildTree, containers, linksOf, pathsOf, serializeThread } from './thread_serializers.js'

/** The project's threads of a status as a tree: roots, each with its children. */
export async function projectTree(
  trx: TenantTransaction,
  projectId: string,
  status: ThreadStatusFilter
) {
  const [rows, relations] = await Promise.all([
    projectThreads(trx, projectId, status),
    projectRelationships(trx, projectId),
  ])
  return buildTree(rows, relations)
}

/**
 * The project's threads of a status whose name holds `q` (any case), flat:
 * pinned first, then the most recently updated, each with its path of names.
 */
export async function searchThreads(
  trx: TenantTransaction,
  projectId: string,
  status: ThreadStatusFilter,
  q: string
) {
  // Paths go through every ancestor, whatever its status.
  const [all, relations] = await Promise.all([
    projectThreads(trx, projectId, 'all'),
    projectRelationships(trx, projectId),
  ])
  const containerOf = containers(relations)
  const paths = pathsOf(all, relations)
  const needle = q.toLowerCase()
  return all
    .filter((row) => status === 'all' || row.status === status)
    .filter((row) => row.name.toLowerCase().includes(needle))
    .map((row) => ({
      ...serializeThread(
        row,
        containerOf.get(row.id)?.parent_thread_id ?? null,
        linksOf(row.id, relations)
      ),
      path: paths.get(row.id) ?? [row.name],
    }))
}

/**
 * One thread with its settings, its container, its children (pinned first,
 * then in their order, as in the tree) and its links, each link with the other
 * thread's name.
 */
export async function threadDetail(trx: TenantTransaction, access: ThreadAccess) {
  const { thread } = access
  const relations = await projectRelationships(trx, thread.project_id)
  const containerOf = containers(relations)
  const parentId = containerOf.get(thread.id)?.parent_thread_id ?? null
  const childRelations = relations
    .filter((row) => row.relationship_type === 'contains' && row.parent_thread_id === thread.id)
    .sort((a, b) => a.position - b.position)
  const links = linksOf(thread.id, relations)
  const ids = [
    thread.id,
    ...(parentId ? [parentId] : []),
    ...childRelations.map((row) => row.child_thread_id),
    ...links.map((link) => link.threadId),
  ]
  const found = await threadsById(trx, [...new Set(ids)])
  const rows = new Map(found.map((row) => [row.id, row]))
  const self = rows.get(thread.id) ?? { ...thread, message_count: 0, last_message_at: null }
  const parent = parentId ? rows.get(parentId) : undefined
  return {
    ...serializeThread(self, parentId, links),
    settings: self.settings,
    parent: parent ? { id: parent.id, name: parent.name } : null,
    children: childRelations
      .map((row) => rows.get(row.child_thread_id))
      .filter((row) => row !== undefined)
      // A stable sort: pinned first, the others keep their order.
      .sort((a, b) => Number(b.is_pinned) - Number(a.is_pinned))
      .map((row) => serializeThread(row, thread.id, linksOf(row.id, relations))),
    links: links.map((link) => ({ ...link, name: rows.get(link.threadId)?.name ?? null })),
    myRole: access.role,
  }
}
