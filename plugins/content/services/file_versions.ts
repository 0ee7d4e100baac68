/*
| New versions of files (PDF, image, Word…): an uploaded replacement, or an
| earlier version restored. A restored version points to its original's stored
| object — same key and checksum, no copy of the bytes — and gets back its
| original's size, MIME type, metadata and thumbnail. Text that can be edited is
| restored as an edit, as before.
*/
import type { ActionContext } from '#tenancy/action_context'
import { recordChange } from '#services/change_log'
import { NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import { contentCatalog } from './catalog.js'
import { bufferSource } from './content_source.js'
import { readVerified } from './storage_contract.js'
import { storedObjectInUse, versionOf } from './content_queries.js'
import {
  findItem,
  insertVersion,
  readContent,
  updateContent,
  type StoredObject,
} from './content_service.js'

export interface FileVersion {
  title: string
  text: string
  stored: StoredObject
  mimeType: string
  metadata: Record<string, unknown>
  summary: string
}

/**
 * Makes `next` the item's next version: writes it (queueing its ingestion),
 * brings the item's text, checksum, size, type and metadata up to date, and audits it.
 */
export async function applyFileVersion(ctx: ActionContext, itemId: string, next: FileVersion) {
  const { trx, user } = ctx.tenant
  // The item row stays locked to the end of the request, so two new versions at
  // once (two restores, a restore and an upload) get consecutive numbers.
  const item = await trx.from('content_items').where('id', itemId).forUpdate().first()
  const version = item.current_version + 1
  const { title, text, stored, summary } = next
  await insertVersion(ctx, item.id, version, title, text, stored, summary)
  await trx.from('text_content').where('content_item_id', item.id).update({ body: text })
  if (item.language) {
    await trx
      .from('code_content')
      .where('content_item_id', item.id)
      .update({ line_count: text.split('\n').length })
  }
  await trx
    .from('content_items')
    .where('id', item.id)
    .update({
      title,
      current_version: version,
      sha256: stored.sha256,
      size_bytes: stored.size,
      mime_type: next.mimeType,
      metadata: JSON.stringify(next.metadata),
      updated_by: user.id,
      updated_at: new Date(),
    })
  await dropReplacedThumbnail(ctx, item.metadata?.thumbnail?.storageKey, next.metadata)
  await recordChange(ctx, {
    action: 'content.version_created',
    subjectType: 'content',
    subjectId: item.id,
    details: { version, summary },
    payload: { itemId: item.id, version, projectId: item.project_id },
  })
  const { item: updated } = await findItem(ctx, item.id)
  return updated
}

/**
 * The previous version's thumbnail, once nothing refers to it any more (an
 * identical image elsewhere shares its stored object), is removed.
 */
async function dropReplacedThumbnail(
  ctx: ActionContext,
  oldKey: string | undefined,
  metadata: Record<string, any>
) {
  if (!oldKey || metadata.thumbnail?.storageKey === oldKey) return
  const { trx } = ctx.tenant
  if (await storedObjectInUse(trx, oldKey)) return
  const catalog = await contentCatalog(trx)
  await catalog.storedIn(oldKey)?.delete(trx, oldKey)
}

/** Version `version` of the item becomes its newest version again. */
export async function restoreVersion(ctx: ActionContext, id: string, version: number) {
  const { item, access } = await findItem(ctx, id)
  const old = await versionOf(ctx.tenant.trx, item.id, version)
  if (!old) throw new NotFoundError(`Version ${version} not found`)
  const catalog = await contentCatalog(ctx.tenant.trx)
  const type = catalog.type(item.content_type)
  if (type?.editable) {
    return updateContent(ctx, id, {
      body: old.body,
      title: old.title,
      summary: `Restored version ${version}`,
    })
  }
  await ctx.bouncer.authorize('editProject', access)
  const driver = catalog.storedIn(old.storage_key)
  if (!type || !driver) {
    throw new UnprocessableError([
      {
        field: 'version',
        message: type
          ? `Version ${version} is kept in a storage type this server no longer offers`
          : `${item.content_type} content is not supported on this server any more`,
        rule: 'restorable',
      },
    ])
  }
  // The stored bytes give back the version's metadata and thumbnail (the
  // thumbnail of a replaced version is removed, so it is made again).
  const bytes = await readVerified(driver, ctx.tenant.trx, old.storage_key, old.sha256)
  const { text, metadata, mimeType } = await readContent(ctx, type, bufferSource(bytes), 'file')
  return applyFileVersion(ctx, item.id, {
    title: old.title,
    text: old.body ?? text,
    stored: { storageKey: old.storage_key, sha256: old.sha256, size: Number(old.size_bytes) },
    mimeType,
    metadata,
    summary: `Restored version ${version}`,
  })
}
