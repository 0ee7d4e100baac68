/*
| Threads as a tree and the links beside it, over thread_relationships. A row
| (parent, child, type) reads "parent contains child" for 'contains', and
| "child <type> parent" for the links: a fork's row is (original, fork,
| 'branches_from'). A thread has at most one container (a unique index);
| every relationship joins two threads of the same project (checked here).
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { ThreadRow } from './thread_access.js'

export type RelationshipType = 'contains' | 'branches_from' | 'related_to'
export type LinkType = Exclude<RelationshipType, 'contains'>

export interface RelationshipRow {
  parent_thread_id: string
  child_thread_id: string
  relationship_type: RelationshipType
  position: number
}

/** A thread as lists show it: its row with how many messages it has and the last one's time. */
export interface ThreadListRow extends ThreadRow {
  message_count: number | string
  last_message_at: Date | null
}

export type ThreadStatusFilter = 'active' | 'archived' | 'all'

/**
 * Makes the tree operations of a project take turns until the transaction
 * ends: two moves that each look acyclic on their own could together make a
 * cycle, and two children added at once could take the same position.
 */
export async function lockProjectTree(trx: TenantTransaction, projectId: string) {
  await trx.rawQuery('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `threads.tree:${projectId}`,
  ])
}

/** Pinned first, then the most recently updated. */
export function byPinThenRecency(a: ThreadRow, b: ThreadRow) {
  if (a.is_pinned !== b.is_pinned) return a.is_pinned ? -1 : 1
  return new Date(b.updated_at).getTime() - new Date(a.updated_at).getTime()
}

function withMessageStats(trx: TenantTransaction) {
  return trx
    .from('threads as t')
    .select(
      't.*',
      trx.raw('(select count(*) from messages m where m.thread_id = t.id) as message_count'),
      trx.raw(
        '(select max(m.created_at) from messages m where m.thread_id = t.id) as last_message_at'
      )
    )
}

/** A project's threads of a status, with their message counts. */
export async function projectThreads(
  trx: TenantTransaction,
  projectId: string,
  status: ThreadStatusFilter = 'all'
): Promise<ThreadListRow[]> {
  const query = withMessageStats(trx).where('t.project_id', projectId)
  if (status !== 'all') query.where('t.status', status)
  const rows: ThreadListRow[] = await query
  return rows.sort(byPinThenRecency)
}

/** These threads, with their message counts (any order). */
export function threadsById(trx: TenantTransaction, ids: string[]): Promise<ThreadListRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return withMessageStats(trx).whereIn('t.id', ids)
}

/** Every relationship between threads of the project. */
export function projectRelationships(
  trx: TenantTransaction,
  projectId: string
): Promise<RelationshipRow[]> {
  return trx
    .from('thread_relationships as r')
    .join('threads as t', 't.id', 'r.child_thread_id')
    .where('t.project_id', projectId)
    .select('r.parent_thread_id', 'r.child_thread_id', 'r.relationship_type', 'r.position')
}

/** The relationships that involve one thread, either side. */
export function relationshipsOf(
  trx: TenantTransaction,
  threadId: string
): Promise<RelationshipRow[]> {
  return trx
    .from('thread_relationships')
    .where((query) =>
      query.where('parent_thread_id', threadId).orWhere('child_thread_id', threadId)
    )
    .select('parent_thread_id', 'child_thread_id', 'relationship_type', 'position')
}

/** The id of the thread's container, or null for a root. */
export async function containerOf(trx: TenantTransaction, threadId: string) {
  const row = await trx
    .from('thread_relationships')
    .where({ child_thread_id: threadId, relationship_type: 'contains' })
    .select('parent_thread_id')
    .first()
  return (row?.parent_thread_id as string | undefined) ?? null
}

/** Whether `candidateId` is `threadId` itself or lies anywhere below it. */
export async function isSelfOrDescendant(
  trx: TenantTransaction,
  threadId: string,
  candidateId: string
) {
  if (threadId === candidateId) return true
  // `union` (not `union all`) stops at a thread already seen, whatever the data holds.
  const { rows } = await trx.rawQuery(
    `with recursive below(id) as (
       select child_thread_id from thread_relationships
        where parent_thread_id = ? and relationship_type = 'contains'
       union
       select r.child_thread_id from thread_relationships r
         join below on r.parent_thread_id = below.id
        where r.relationship_type = 'contains'
     )
     select 1 from below where id = ? limit 1`,
    [threadId, candidateId]
  )
  return rows.length > 0
}

/** A PostgreSQL array literal of uuids (a JS array binding would be spread into a list). */
export const uuidArray = (ids: string[]) => `{${ids.join(',')}}`

/** The ids of a container's children in their order. */
async function childIds(trx: TenantTransaction, parentId: string): Promise<string[]> {
  const rows = await trx
    .from('thread_relationships')
    .where({ parent_thread_id: parentId, relationship_type: 'contains' })
    .orderBy([{ column: 'position' }, { column: 'created_at' }])
    .select('child_thread_id')
  return rows.map((row: any) => row.child_thread_id)
}

/** Numbers a container's children 0, 1, 2… in the given order. */
async function renumber(trx: TenantTransaction, parentId: string, ordered: string[]) {
  if (ordered.length === 0) return
  await trx.rawQuery(
    `update thread_relationships r set position = o.position - 1
       from unnest(?::uuid[]) with ordinality as o(id, position)
      where r.parent_thread_id = ? and r.relationship_type = 'contains' and r.child_thread_id = o.id`,
    [uuidArray(ordered), parentId]
  )
}

/**
 * Puts a thread under `parentId` at `position` among its children (last when
 * left out), or makes it a root (`parentId` null). The caller has checked both
 * threads are of one project and that this makes no cycle, under lockProjectTree.
 */
export async function setContainer(
  trx: TenantTransaction,
  tenantId: string,
  threadId: string,
  parentId: string | null,
  position?: number
) {
  const previous = await containerOf(trx, threadId)
  await trx
    .from('thread_relationships')
    .where({ child_thread_id: threadId, relationship_type: 'contains' })
    .delete()
  if (previous && previous !== parentId)
    await renumber(trx, previous, await childIds(trx, previous))
  if (!parentId) return
  const siblings = await childIds(trx, parentId)
  const at = Math.min(position ?? siblings.length, siblings.length)
  siblings.splice(at, 0, threadId)
  await trx.table('thread_relationships').insert({
    tenant_id: tenantId,
    parent_thread_id: parentId,
    child_thread_id: threadId,
    relationship_type: 'contains',
    position: at,
  })
  await renumber(trx, parentId, siblings)
}

/**
 * Lifts the children of a thread about to be deleted to its own container
 * (or to the roots), after that container's children, in their order. Returns
 * their ids.
 */
export async function liftChildren(
  trx: TenantTransaction,
  tenantId: string,
  threadId: string,
  parentId: string | null
) {
  const children = await childIds(trx, threadId)
  for (const child of children) await setContainer(trx, tenantId, child, parentId)
  return children
}

/**
 * Records a relationship between two threads of the same project: `parentId`
 * contains `childId`, or `childId` branches from / relates to `parentId`. An
 * existing one is left as it is. A 'contains' row for a thread that already
 * has a container is refused (use setContainer to move it).
 */
export async function addRelationship(
  trx: TenantTransaction,
  tenantId: string,
  parentId: string,
  childId: string,
  type: RelationshipType
) {
  const projects = await trx
    .from('threads')
    .whereIn('id', [parentId, childId])
    .select('id', 'project_id')
  const sameProject = projects.length === 2 && projects[0].project_id === projects[1].project_id
  if (!sameProject) {
    throw new Error(`Threads ${parentId} and ${childId} are not two threads of one project`)
  }
  if (type === 'contains') {
    const current = await containerOf(trx, childId)
    if (current === parentId) return
    if (current) throw new Error(`Thread ${childId} already has a container: move it instead`)
    if (await isSelfOrDescendant(trx, childId, parentId)) {
      throw new Error(`Thread ${parentId} lies under ${childId}: containing it would make a cycle`)
    }
    const siblings = await childIds(trx, parentId)
    await trx.table('thread_relationships').insert({
      tenant_id: tenantId,
      parent_thread_id: parentId,
      child_thread_id: childId,
      relationship_type: 'contains',
      position: siblings.length,
    })
    return
  }
  await trx.rawQuery(
    `insert into thread_relationships (tenant_id, parent_thread_id, child_thread_id, relationship_type)
     values (?, ?, ?, ?) on conflict do nothing`,
    [tenantId, parentId, childId, type]
  )
}

/** Removes the 'related_to' link between two threads, whichever way it was made; false when none. */
export async function removeRelatedLink(trx: TenantTransaction, a: string, b: string) {
  const removed = await trx
    .from('thread_relationships')
    .where('relationship_type', 'related_to')
    .where((query) =>
      query
        .where({ parent_thread_id: a, child_thread_id: b })
        .orWhere({ parent_thread_id: b, child_thread_id: a })
    )
    .delete()
  return Number(removed) > 0
}

/** Whether two threads are already linked as related, whichever way. */
export async function relatedLinkExists(trx: TenantTransaction, a: string, b: string) {
  const row = await trx
    .from('thread_relationships')
    .where('relationship_type', 'related_to')
    .where((query) =>
      query
        .where({ parent_thread_id: a, child_thread_id: b })
        .orWhere({ parent_thread_id: b, child_thread_id: a })
    )
    .first()
  return Boolean(row)
}
