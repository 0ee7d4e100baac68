/*
| Who may see and change a thread: the rule of its project. Members of a
| project (and everyone, for a public project) read its threads; editors and
| admins write them. A thread the caller may not see is a 404, like its project.
*/
import type { HttpContext } from '@adonisjs/core/http'
import { loadProjectAccess, type ProjectAccess } from '#services/project_access'
import { NotFoundError } from '#exceptions/domain_errors'

export interface ThreadRow {
  id: string
  tenant_id: string
  project_id: string
  name: string
  description: string | null
  status: 'active' | 'archived'
  thread_type: 'standard' | 'exploration' | 'archive'
  is_pinned: boolean
  model_id: string | null
  settings: Record<string, unknown>
  metadata: Record<string, unknown>
  created_by: string | null
  updated_by: string | null
  archived_at: Date | null
  created_at: Date
  updated_at: Date
}

export interface ThreadAccess extends ProjectAccess {
  thread: ThreadRow
}

type Ctx = Pick<HttpContext, 'tenant'>

/** The thread with the caller's role on its project; 404 when unseen. */
export async function loadThreadAccess(ctx: Ctx, threadId: string): Promise<ThreadAccess> {
  const thread: ThreadRow | null = await ctx.tenant.trx.from('threads').where('id', threadId).first()
  if (!thread) throw new NotFoundError('Thread not found')
  try {
    const access = await loadProjectAccess(ctx, thread.project_id)
    return { ...access, thread }
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('Thread not found')
    throw error
  }
}

/** The thread of a message, with the caller's access to it; 404 when unseen. */
export async function loadMessageAccess(ctx: Ctx, messageId: string) {
  const message = await ctx.tenant.trx.from('messages').where('id', messageId).first()
  if (!message) throw new NotFoundError('Message not found')
  try {
    return { message, ...(await loadThreadAccess(ctx, message.thread_id)) }
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError('Message not found')
    throw error
  }
}
