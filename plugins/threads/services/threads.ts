/*
| Creating and changing threads: their fields, their place in the project's
| tree, their links. Every change is written, audited and announced in the
| request's transaction, so a refused or failed one leaves nothing behind.
*/
import type { ActionContext } from '#tenancy/action_context'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { loadProjectAccess } from '#services/project_access'
import { projectRoleAtLeast } from '#auth/roles'
import { diffChanges, hasChanges, recordChange, recordUpdate } from '#services/change_log'
import { NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import type { ThreadAccess, ThreadRow } from './thread_access.js'
import {
  addRelationship,
  containerOf,
  isSelfOrDescendant,
  liftChildren,
  lockProjectTree,
  relatedLinkExists,
  removeRelatedLink,
  setContainer,
} from './thread_tree.js'

export { addRelationship } from './thread_tree.js'

export type ThreadType = ThreadRow['thread_type']

/** A thread's own settings; what is left out follows the workspace's defaults. */
export interface ThreadSettings {
  systemPrompt?: string
  retrievedChunks?: number
  retrievalScope?: 'project' | 'chosen'
  reservedOutput?: number
}

/** Settings as sent: a key set to null returns to the default. */
export type SettingsInput = { [K in keyof ThreadSettings]?: ThreadSettings[K] | null }

export interface NewThread {
  name: string
  description?: string | null
  type?: ThreadType
  /** A thread of the same project that will contain this one. */
  parentId?: string | null
  /** One of the workspace's models (llm_models). */
  modelId?: string | null
  settings?: SettingsInput
}

export interface ThreadChange {
  name?: string
  description?: string | null
  type?: ThreadType
  pinned?: boolean
  status?: 'active' | 'archived'
  modelId?: string | null
  settings?: SettingsInput
}

const fieldError = (field: string, message: string, rule = 'exists') =>
  new UnprocessableError([{ field, message, rule }])

/** Settings with the given keys merged in and those sent as null removed. */
function mergeSettings(current: Record<string, unknown>, change: SettingsInput = {}) {
  const merged: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete merged[key]
    else if (value !== undefined) merged[key] = value
  }
  return merged
}

async function assertModelExists(trx: TenantTransaction, modelId: string) {
  const model = await trx.from('llm_models').where('id', modelId).select('id').first()
  if (!model) throw fieldError('modelId', 'No such model in this workspace')
}

/** The thread that would contain another, when it is a thread of the project; else a 422 naming parentId. */
async function containerInProject(trx: TenantTransaction, projectId: string, parentId: string) {
  const parent: ThreadRow | null = await trx.from('threads').where('id', parentId).first()
  if (!parent || parent.project_id !== projectId) {
    throw fieldError('parentId', "No such thread in this thread's project")
  }
  return parent
}

/**
 * A new thread in the project, under `parentId` when given. Callers: the
 * create endpoint, and "fork from here" (which then adds a 'branches_from'
 * relationship with addRelationship). Needs the editor role on the project.
 */
export async function createThread(
  ctx: ActionContext,
  projectId: string,
  input: NewThread
): Promise<ThreadRow> {
  const { trx, user } = ctx.tenant
  const access = await loadProjectAccess(ctx, projectId)
  await ctx.bouncer.authorize('editProject', access)
  if (input.modelId) await assertModelExists(trx, input.modelId)
  if (input.parentId) {
    await lockProjectTree(trx, projectId)
    await containerInProject(trx, projectId, input.parentId)
  }
  const [thread]: ThreadRow[] = await trx
    .table('threads')
    .insert({
      tenant_id: ctx.tenant.id,
      project_id: projectId,
      name: input.name,
      description: input.description || null,
      thread_type: input.type ?? 'standard',
      model_id: input.modelId ?? null,
      settings: JSON.stringify(mergeSettings({}, input.settings)),
      created_by: user.id,
      updated_by: user.id,
    })
    .returning('*')
  if (input.parentId) {
    await addRelationship(trx, ctx.tenant.id, input.parentId, thread.id, 'contains')
  }
  await recordChange(ctx, {
    action: 'thread.created',
    subjectType: 'thread',
    subjectId: thread.id,
    details: { name: thread.name, projectId, parentId: input.parentId ?? null },
  })
  return thread
}

/** A long text (a system prompt) is shown shortened in the audit log. */
function shortened(value: unknown) {
  return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 199)}…` : value
}

const AUDITED_FIELDS = [
  'name',
  'description',
  'thread_type',
  'is_pinned',
  'status',
  'model_id',
  'settings',
]

export async function updateThread(
  ctx: ActionContext,
  access: ThreadAccess,
  change: ThreadChange
): Promise<ThreadRow> {
  await ctx.bouncer.authorize('editProject', access)
  const { trx, user } = ctx.tenant
  // Held to the end of the request: two updates of one thread merge settings in turn.
  const before: ThreadRow = await trx
    .from('threads')
    .where('id', access.thread.id)
    .forUpdate()
    .first()
  if (change.modelId) await assertModelExists(trx, change.modelId)

  const next: Partial<ThreadRow> = {}
  if (change.name !== undefined) next.name = change.name
  if (change.description !== undefined) next.description = change.description || null
  if (change.type !== undefined) next.thread_type = change.type
  if (change.pinned !== undefined) next.is_pinned = change.pinned
  if (change.modelId !== undefined) next.model_id = change.modelId
  if (change.status !== undefined) next.status = change.status
  if (change.settings !== undefined) next.settings = mergeSettings(before.settings, change.settings)
  const changes = diffChanges(before, { ...before, ...next }, AUDITED_FIELDS)
  // A request that changes nothing writes nothing: the thread keeps its place in recency order.
  if (!hasChanges(changes)) return before

  const columns: Record<string, unknown> = {
    ...next,
    updated_by: user.id,
    updated_at: trx.raw('now()'),
  }
  if (next.settings) columns.settings = JSON.stringify(next.settings)
  if (changes.status) {
    columns.archived_at = next.status === 'archived' ? trx.raw('now()') : null
  }
  const [after]: ThreadRow[] = await trx
    .from('threads')
    .where('id', before.id)
    .update(columns)
    .returning('*')

  for (const entry of Object.values(changes)) {
    if ('from' in entry) {
      entry.from = shortened(entry.from)
      entry.to = shortened(entry.to)
    }
  }
  await recordUpdate(ctx, {
    action: 'thread.updated',
    subjectType: 'thread',
    subjectId: after.id,
    details: { name: after.name },
    changes,
  })
  return after
}

/**
 * Deletes a thread with its messages and context. Its children are kept: they
 * move up to its own container (or become roots). Its creator (while an
 * editor) or a project admin may do it.
 */
export async function deleteThread(ctx: ActionContext, access: ThreadAccess) {
  const { thread } = access
  const { trx, user } = ctx.tenant
  const ownsIt = thread.created_by === user.id && projectRoleAtLeast(access.role, 'editor')
  if (!ownsIt) await ctx.bouncer.authorize('manageProject', access)
  await lockProjectTree(trx, thread.project_id)
  const parentId = await containerOf(trx, thread.id)
  const lifted = await liftChildren(trx, ctx.tenant.id, thread.id, parentId)
  await trx.from('threads').where('id', thread.id).delete()
  await recordChange(ctx, {
    action: 'thread.deleted',
    subjectType: 'thread',
    subjectId: thread.id,
    details: {
      name: thread.name,
      projectId: thread.project_id,
      childrenMovedTo: parentId,
      children: lifted,
    },
  })
  return { parentId, children: lifted }
}

/**
 * Puts the thread under `parentId` (a thread of the same project that is not
 * the thread itself nor below it) at `position` among its children, or makes
 * it a root with `parentId: null`.
 */
export async function moveThread(
  ctx: ActionContext,
  access: ThreadAccess,
  target: { parentId: string | null; position?: number }
) {
  await ctx.bouncer.authorize('editProject', access)
  const { thread } = access
  const { trx } = ctx.tenant
  await lockProjectTree(trx, thread.project_id)
  if (target.parentId) {
    if (target.parentId === thread.id) {
      throw fieldError('parentId', 'A thread cannot be placed inside itself', 'noCycle')
    }
    await containerInProject(trx, thread.project_id, target.parentId)
    if (await isSelfOrDescendant(trx, thread.id, target.parentId)) {
      throw fieldError(
        'parentId',
        'A thread cannot be placed inside one of its own sub-threads',
        'noCycle'
      )
    }
  }
  const previous = await containerOf(trx, thread.id)
  await setContainer(trx, ctx.tenant.id, thread.id, target.parentId, target.position)
  await recordChange(ctx, {
    action: 'thread.moved',
    subjectType: 'thread',
    subjectId: thread.id,
    details: {
      name: thread.name,
      from: previous,
      to: target.parentId,
      position: target.position ?? null,
    },
  })
}

/** The other thread of a link: of the same project, not the thread itself; else a 422 naming threadId. */
async function linkTarget(trx: TenantTransaction, thread: ThreadRow, otherId: string) {
  if (otherId === thread.id)
    throw fieldError('threadId', 'A thread cannot be linked to itself', 'notSelf')
  const other: ThreadRow | null = await trx.from('threads').where('id', otherId).first()
  if (!other || other.project_id !== thread.project_id) {
    throw fieldError('threadId', "No such thread in this thread's project")
  }
  return other
}

/** Links two threads of a project as related; false when they already were. */
export async function linkThreads(ctx: ActionContext, access: ThreadAccess, otherId: string) {
  await ctx.bouncer.authorize('editProject', access)
  const { trx } = ctx.tenant
  const other = await linkTarget(trx, access.thread, otherId)
  if (await relatedLinkExists(trx, access.thread.id, other.id)) return false
  // Read as "this thread related_to the other" (see thread_tree.ts).
  await addRelationship(trx, ctx.tenant.id, other.id, access.thread.id, 'related_to')
  await recordChange(ctx, {
    action: 'thread.linked',
    subjectType: 'thread',
    subjectId: access.thread.id,
    details: { name: access.thread.name, threadId: other.id, type: 'related_to' },
  })
  return true
}

/** Removes the 'related_to' link between two threads; a 404 when there is none. */
export async function unlinkThreads(ctx: ActionContext, access: ThreadAccess, otherId: string) {
  await ctx.bouncer.authorize('editProject', access)
  if (!(await removeRelatedLink(ctx.tenant.trx, access.thread.id, otherId))) {
    throw new NotFoundError('These threads are not linked')
  }
  await recordChange(ctx, {
    action: 'thread.unlinked',
    subjectType: 'thread',
    subjectId: access.thread.id,
    details: { name: access.thread.name, threadId: otherId, type: 'related_to' },
  })
}
