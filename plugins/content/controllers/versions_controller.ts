import type { HttpContext } from '@adonisjs/core/http'
import { createTwoFilesPatch, diffLines } from 'diff'
import { NotFoundError } from '#exceptions/domain_errors'
import { diffValidator } from '../validators/content.js'
import { findItem } from '../services/content_service.js'
import { restoreVersion } from '../services/file_versions.js'
import { serializeItem, serializeVersion } from '../services/serializers.js'
import { versionsNumbered, versionsOf } from '../services/content_queries.js'

export default class VersionsController {
  async index(ctx: HttpContext) {
    const { item } = await findItem(ctx, ctx.params.id)
    const versions = await versionsOf(ctx.tenant.trx, item.id)
    return { data: versions.map(serializeVersion) }
  }

  /** Line diff between two versions, structured and as a unified patch. */
  async diff(ctx: HttpContext) {
    const { from, to } = await ctx.request.validateUsing(diffValidator, { data: ctx.request.qs() })
    const { item } = await findItem(ctx, ctx.params.id)
    const rows = await versionsNumbered(ctx.tenant.trx, item.id, [from, to])
    const older = rows.find((row) => row.version === from)
    const newer = rows.find((row) => row.version === to)
    if (!older || !newer) throw new NotFoundError('Version not found')
    const parts = diffLines(older.body ?? '', newer.body ?? '')
    return {
      data: {
        from,
        to,
        added: parts
          .filter((part) => part.added)
          .reduce((total, part) => total + (part.count ?? 0), 0),
        removed: parts
          .filter((part) => part.removed)
          .reduce((total, part) => total + (part.count ?? 0), 0),
        parts: parts.map((part) => ({
          kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
          value: part.value,
        })),
        patch: createTwoFilesPatch(`v${from}`, `v${to}`, older.body ?? '', newer.body ?? ''),
      },
    }
  }

  async restore(ctx: HttpContext) {
    const item = await restoreVersion(ctx, ctx.params.id, Number(ctx.params.version))
    return { data: serializeItem(item) }
  }
}
