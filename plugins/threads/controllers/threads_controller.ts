import type { HttpContext } from '@adonisjs/core/http'
import { loadProjectAccess } from '#services/project_access'
import {
  createThreadValidator,
  linkThreadValidator,
  listThreadsValidator,
  moveThreadValidator,
  updateThreadValidator,
} from '../validators/threads.js'
import { loadThreadAccess } from '../services/thread_access.js'
import {
  createThread,
  deleteThread,
  linkThreads,
  moveThread,
  unlinkThreads,
  updateThread,
} from '../services/threads.js'
import { projectTree, searchThreads, threadDetail } from '../services/thread_listing.js'

/** Threads of a project: read by its viewers, written by its editors and admins. */
export default class ThreadsController {
  /** The tree (roots with their children); with `q`, a flat list of matches with their paths. */
  async index(ctx: HttpContext) {
    const { project } = await loadProjectAccess(ctx, ctx.params.projectId)
    const { status = 'active', q } = await ctx.request.validateUsing(listThreadsValidator, {
      data: ctx.request.qs(),
    })
    const { trx } = ctx.tenant
    if (q) return { data: await searchThreads(trx, project.id, status, q), meta: { status, q } }
    return { data: await projectTree(trx, project.id, status), meta: { status } }
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createThreadValidator)
    const thread = await createThread(ctx, ctx.params.projectId, input)
    const access = await loadThreadAccess(ctx, thread.id)
    return ctx.response.created({ data: await threadDetail(ctx.tenant.trx, access) })
  }

  async show(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    return { data: await threadDetail(ctx.tenant.trx, access) }
  }

  async update(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    const change = await ctx.request.validateUsing(updateThreadValidator)
    const thread = await updateThread(ctx, access, change)
    return { data: await threadDetail(ctx.tenant.trx, { ...access, thread }) }
  }

  /** Its children are kept: the answer says where they went. */
  async destroy(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    const { parentId, children } = await deleteThread(ctx, access)
    return {
      data: {
        id: access.thread.id,
        deleted: true,
        children: { ids: children, movedTo: parentId },
        message:
          children.length === 0
            ? 'Thread deleted'
            : `Thread deleted; its ${children.length === 1 ? 'sub-thread was' : `${children.length} sub-threads were`} kept and moved ${parentId ? 'to its parent thread' : 'to the top level'}`,
      },
    }
  }

  async move(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    const target = await ctx.request.validateUsing(moveThreadValidator)
    await moveThread(ctx, access, target)
    return { data: await threadDetail(ctx.tenant.trx, access) }
  }

  /** 201 with the thread when linked now, 200 when they already were. */
  async link(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    const { threadId } = await ctx.request.validateUsing(linkThreadValidator)
    const created = await linkThreads(ctx, access, threadId)
    const data = await threadDetail(ctx.tenant.trx, access)
    return created ? ctx.response.created({ data }) : { data }
  }

  async unlink(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    await unlinkThreads(ctx, access, ctx.params.otherId)
    return ctx.response.noContent()
  }
}
