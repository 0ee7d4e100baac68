/*
| The props of a project's Threads tab (plugins/threads/pages/threads.vue):
| what its first render needs, read through the same services as the API, so
| the page fetched without JavaScript already shows the threads and the chosen
| conversation. Everything after that goes through the JSON API.
*/
import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#exceptions/domain_errors'
import { loadProjectAccess } from '#services/project_access'
import { projectRoleAtLeast } from '#auth/roles'
import { loadThreadAccess, type ThreadAccess } from './thread_access.js'
import { projectTree, threadDetail } from './thread_listing.js'
import { loadTree } from './message_tree.js'
import { serializeMessage } from './message_serializers.js'
import { rememberedLeaf } from './thread_views.js'
import { defaultModelId, usableModels } from './model_catalog.js'
import { contentLibrary, contextRows } from './thread_content.js'
import { describeEntries } from './thread_context_view.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The branch the member last looked at (else the newest), as GET /:id/messages gives it. */
async function shownBranch(ctx: HttpContext, access: ThreadAccess) {
  const { trx, user } = ctx.tenant
  const tree = await loadTree(trx, access.thread.id)
  const leafId = await rememberedLeaf(trx, access.thread.id, user.id)
  return tree.shownBranch(leafId).map((message) => serializeMessage(message, tree))
}

/** The thread named in `?thread=`, when it is one of this project's; else null. */
async function selectedThread(ctx: HttpContext, projectId: string, threadId: string) {
  let access: ThreadAccess
  try {
    access = await loadThreadAccess(ctx, threadId)
  } catch (error) {
    if (error instanceof NotFoundError) return null
    throw error
  }
  if (access.thread.project_id !== projectId) return null
  const { trx } = ctx.tenant
  // One after the other: the queries share the request's transaction (one connection).
  const thread = await threadDetail(trx, access)
  const messages = await shownBranch(ctx, access)
  const context = await describeEntries(
    trx,
    await contentLibrary(),
    await contextRows(trx, access.thread.id)
  )
  return { thread, messages, context }
}

export async function loadThreadsPage(ctx: HttpContext, { projectId }: { projectId?: string }) {
  const { trx } = ctx.tenant
  const { project, role } = await loadProjectAccess(ctx, projectId!)
  const requested = ctx.request.input('thread', '')
  const threads = await projectTree(trx, project.id, 'active')
  const models = await usableModels(trx)
  const selected =
    typeof requested === 'string' && UUID.test(requested)
      ? await selectedThread(ctx, project.id, requested)
      : null
  return {
    threads,
    selected,
    models,
    defaultModelId: await defaultModelId(trx),
    canPost: projectRoleAtLeast(role, 'editor'),
  }
}
