/*
| How large content may be, in one place for the upload path and the text path.
| The HTTP limits themselves are in config/bodyparser.ts; tests/unit/upload_limits.spec.ts
| checks that they leave room for every type's limit.
*/
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ActionContext } from '#tenancy/action_context'
import type { ContentTypeDefinition } from './content_types.js'
import { contentCatalog } from './catalog.js'
import { TooLargeError } from './errors.js'

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/**
 * The most bytes a workspace accepts for a type: the type's own limit, or the
 * workspace's lower one. A workspace cannot raise it past the type's, which the
 * body parser's limits are sized for.
 */
export async function typeLimit(trx: TransactionClientContract, type: ContentTypeDefinition) {
  return limitWith(type, await workspaceTypeSetting(trx, type.key))
}

/** The workspace's row for a content type (enabled, max_bytes), if an admin saved one. */
export function workspaceTypeSetting(trx: TransactionClientContract, key: string) {
  return trx.from('content_types').where('key', key).first()
}

/** The type's limit under a workspace setting: lowered by it, never raised. */
export function limitWith(type: ContentTypeDefinition, setting?: { max_bytes?: unknown } | null) {
  return Math.min(Number(setting?.max_bytes ?? type.maxBytes), type.maxBytes)
}

/**
 * Refuses an uploaded file over its type's limit from its size on disk, before a
 * byte of it is read into memory. Unknown types pass: createContent names them.
 */
export async function assertUploadFits(
  ctx: Pick<ActionContext, 'tenant'>,
  filename: string,
  size: number
) {
  const catalog = await contentCatalog(ctx.tenant.trx)
  const type = catalog.typeForFilename(filename)
  if (!type) return
  const limit = await typeLimit(ctx.tenant.trx, type)
  if (size > limit) {
    throw new TooLargeError(
      'file',
      `${type.label} may be at most ${megabytes(limit)}; this file is ${megabytes(size)}`
    )
  }
}
