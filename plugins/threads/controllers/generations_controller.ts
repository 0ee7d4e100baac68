import { PassThrough } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { ConflictError } from '#exceptions/domain_errors'
import { loadMessageAccess } from '../services/thread_access.js'
import { streamGeneration } from '../services/generation_stream.js'
import { abortGeneration } from '../services/generation_runner.js'
import { streamValidator } from '../validators/messages.js'

/** An answer being written: its deltas over server-sent events, and stopping it. */
export default class GenerationsController {
  /**
   * GET /messages/:messageId/stream — replays the answer from the start (or after
   * `Last-Event-ID` / `?after=`), then follows it live until it ends. The request's
   * transaction commits before the first byte: the stream holds no connection.
   */
  async stream(ctx: HttpContext) {
    const { message } = await loadMessageAccess(ctx, ctx.params.messageId)
    const input = await ctx.request.validateUsing(streamValidator, { data: ctx.request.qs() })
    const lastEventId = ctx.request.header('last-event-id')
    const after = input.after ?? (lastEventId && /^\d+-\d+$/.test(lastEventId) ? lastEventId : null)

    const body = new PassThrough()
    ctx.response.header('Content-Type', 'text/event-stream; charset=utf-8')
    ctx.response.header('Cache-Control', 'no-cache, no-transform')
    ctx.response.header('X-Accel-Buffering', 'no')
    const stop = streamGeneration(
      { id: message.id, status: message.status, content: message.content, error: message.error },
      after,
      (chunk) => body.write(chunk),
      () => body.end()
    )
    ctx.request.request.once('close', () => {
      stop()
      body.end()
    })
    ctx.response.stream(body)
  }

  /** POST /messages/:messageId/abort — 202; the partial answer is kept, marked stopped. */
  async abort(ctx: HttpContext) {
    const { message, ...access } = await loadMessageAccess(ctx, ctx.params.messageId)
    await ctx.bouncer.authorize('editProject', access)
    if (message.status !== 'streaming') {
      throw new ConflictError('This answer is not being written any more')
    }
    await abortGeneration(message.id)
    return ctx.response.accepted({ data: { id: message.id, aborting: true } })
  }
}
