/*
| Creating and changing content. Everything a change touches — item, text,
| version, stored bytes, ingestion run, event, audit entry — is written in the
| request's transaction, so a refused or failed change leaves nothing behind.
*/
import type { ActionContext } from '#tenancy/action_context'
import { loadProjectAccess } from '#services/project_access'
import { diffChanges, recordChange, recordUpdate } from '#services/change_log'
import { ConflictError, NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import { contentCatalog } from './catalog.js'
import { languageOf, type ContentTypeDefinition } from './content_types.js'
import { sha256Of, type StorageDriver } from './storage_contract.js'
import { bufferSource, isFileSource, type ContentSource } from './content_source.js'
import { admit, decoded } from './admission.js'
import { chosenStorageKey } from './storage_choice.js'
import { storedObjectInUse, textOf } from './content_queries.js'

export interface NewContent {
  projectId: string
  title?: string
  type?: string
  body?: string
  /** A small file already in memory (an import). */
  bytes?: Buffer
  /** An uploaded file on disk: read only as far as its type needs, streamed to storage. */
  upload?: ContentSource
  filename?: string
  language?: string
}

export async function findItem(
  ctx: ActionContext,
  id: string,
  options: { withDeleted?: boolean; lock?: boolean } = {}
) {
  const query = ctx.tenant.trx.from('content_items').where('id', id)
  if (!options.withDeleted) query.whereNull('deleted_at')
  // Held to the end of the request: concurrent writers of the item take turns.
  if (options.lock) query.forUpdate()
  const item = await query.first()
  if (!item) throw new NotFoundError('Content not found')
  const access = await loadProjectAccess(ctx, item.project_id)
  return { item, access }
}

/** The workspace's chosen storage type (PostgreSQL unless an admin picked another). */
export async function storageFor(ctx: Pick<ActionContext, 'tenant'>): Promise<StorageDriver> {
  const chosenKey = await chosenStorageKey(ctx.tenant.trx)
  const catalog = await contentCatalog(ctx.tenant.trx)
  const driver = catalog.storage(chosenKey ?? 'postgres')
  if (!driver || !driver.available()) {
    throw new ConflictError(
      `The workspace stores files in "${chosenKey}", which is not available on this server; an admin should choose another storage type`
    )
  }
  return driver
}

/** A file is handed to the driver as a file (streamed where it can), bytes as bytes. */
export async function storeSource(ctx: ActionContext, source: ContentSource) {
  const { trx, id: tenantId } = ctx.tenant
  const storage = await storageFor(ctx)
  return isFileSource(source)
    ? storage.putFile(trx, tenantId, source)
    : storage.put(trx, tenantId, await source.readAll(), source.sha256)
}

/** A stored object as a version records it. */
export interface StoredObject {
  storageKey: string
  sha256: string
  size: number
}

/** Stores the content, writes version `version`, and queues its ingestion. */
export async function writeVersion(
  ctx: ActionContext,
  itemId: string,
  version: number,
  title: string,
  text: string,
  source: ContentSource,
  summary: string
) {
  const { sha256, size } = source
  const storageKey = await storeSource(ctx, source)
  await insertVersion(ctx, itemId, version, title, text, { storageKey, sha256, size }, summary)
  return { sha256, size }
}

/** Writes version `version` over an object already stored, and queues its ingestion. */
export async function insertVersion(
  ctx: ActionContext,
  itemId: string,
  version: number,
  title: string,
  text: string,
  stored: StoredObject,
  summary: string
) {
  const { trx, id: tenantId, user } = ctx.tenant
  await trx.table('content_versions').insert({
    tenant_id: tenantId,
    content_item_id: itemId,
    version,
    title,
    body: text,
    storage_key: stored.storageKey,
    sha256: stored.sha256,
    size_bytes: stored.size,
    summary,
    created_by: user.id,
  })
  await trx
    .table('ingestion_runs')
    .insert({ tenant_id: tenantId, content_item_id: itemId, version })
}

/** What the type makes of the content: its text, metadata (with a stored thumbnail), MIME type. */
export async function readContent(
  ctx: ActionContext,
  type: ContentTypeDefinition,
  source: ContentSource,
  field: string
) {
  const text = await decoded(type, field, async () => type.extractText(source))
  const metadata: Record<string, unknown> =
    (await decoded(type, field, async () => type.describe?.(source))) ?? {}
  if (type.thumbnail) {
    const preview = await decoded(type, field, () => type.thumbnail!(source))
    const sha256 = sha256Of(preview)
    const storage = await storageFor(ctx)
    const storageKey = await storage.put(ctx.tenant.trx, ctx.tenant.id, preview, sha256)
    metadata.thumbnail = { storageKey, sha256, size: preview.length }
  }
  const mimeType = (await type.mimeTypeOf?.(source)) ?? type.mimeType
  return { text, metadata, mimeType }
}

export async function createContent(ctx: ActionContext, input: NewContent) {
  const access = await loadProjectAccess(ctx, input.projectId)
  await ctx.bouncer.authorize('editProject', access)
  const catalog = await contentCatalog(ctx.tenant.trx)
  const field = input.upload || input.bytes ? 'file' : 'body'
  const type = input.type
    ? catalog.type(input.type)
    : input.filename
      ? catalog.typeForFilename(input.filename)
      : undefined
  if (!type) {
    throw new UnprocessableError([
      {
        field: input.type ? 'type' : field,
        message: 'This content type is not supported',
        rule: 'type',
      },
    ])
  }
  const source = input.upload ?? bufferSource(input.bytes ?? Buffer.from(input.body ?? '', 'utf8'))
  await admit(ctx, type, source, field, input.filename)

  const { trx, id: tenantId, user } = ctx.tenant
  const { text, metadata, mimeType } = await readContent(ctx, type, source, field)
  const title = input.title?.trim() || input.filename || 'Untitled'
  const language =
    type.structure === 'code' ? (input.language ?? languageOf(input.filename) ?? 'text') : null
  const [item] = await trx
    .table('content_items')
    .insert({
      tenant_id: tenantId,
      project_id: access.project.id,
      content_type: type.key,
      title,
      language,
      mime_type: mimeType,
      metadata: JSON.stringify(metadata),
      original_filename: input.filename ?? null,
      sha256: source.sha256,
      size_bytes: source.size,
      created_by: user.id,
      updated_by: user.id,
    })
    .returning('*')
  await trx
    .table('text_content')
    .insert({ tenant_id: tenantId, content_item_id: item.id, body: text })
  if (language) {
    await trx.table('code_content').insert({
      tenant_id: tenantId,
      content_item_id: item.id,
      language,
      line_count: text.split('\n').length,
    })
  }
  await writeVersion(ctx, item.id, 1, title, text, source, 'Created')
  await recordChange(ctx, {
    action: 'content.created',
    subjectType: 'content',
    subjectId: item.id,
    details: { title, type: type.key, projectId: access.project.id, size: source.size },
    payload: { itemId: item.id, version: 1, projectId: access.project.id },
  })
  return item
}

/** A new body makes a new numbered version; a new title alone does not. */
export async function updateContent(
  ctx: ActionContext,
  id: string,
  change: { title?: string; body?: string; summary?: string; description?: string | null }
) {
  // Locked, so two edits at once become consecutive versions, not a duplicate number.
  const { item, access } = await findItem(ctx, id, { lock: true })
  await ctx.bouncer.authorize('editProject', access)
  const { trx, user } = ctx.tenant
  const current = await textOf(trx, item.id)
  const title = change.title?.trim() || item.title
  const bodyChanged = change.body !== undefined && change.body !== current?.body

  if (bodyChanged) {
    const catalog = await contentCatalog(ctx.tenant.trx)
    const type = catalog.type(item.content_type)!
    if (!type.editable) {
      throw new UnprocessableError([
        {
          field: 'body',
          message: `${type.label} content cannot be edited as text; upload a new file instead`,
        },
      ])
    }
    const source = bufferSource(Buffer.from(change.body!, 'utf8'))
    await admit(ctx, type, source, 'body')
    const version = item.current_version + 1
    const { sha256, size } = await writeVersion(
      ctx,
      item.id,
      version,
      title,
      change.body!,
      source,
      change.summary ?? 'Edited'
    )
    await trx.from('text_content').where('content_item_id', item.id).update({ body: change.body })
    if (item.language) {
      await trx
        .from('code_content')
        .where('content_item_id', item.id)
        .update({ line_count: change.body!.split('\n').length })
    }
    await trx.from('content_items').where('id', item.id).update({
      title,
      current_version: version,
      sha256,
      size_bytes: size,
      updated_by: user.id,
      updated_at: new Date(),
    })
    await recordChange(ctx, {
      action: 'content.version_created',
      subjectType: 'content',
      subjectId: item.id,
      details: {
        version,
        summary: change.summary ?? 'Edited',
        // A new title saved with the new body.
        ...(title !== item.title && { changes: diffChanges({ title: item.title }, { title }) }),
      },
      payload: { itemId: item.id, version, projectId: item.project_id },
    })
  } else if (title !== item.title) {
    await trx
      .from('content_items')
      .where('id', item.id)
      .update({ title, updated_by: user.id, updated_at: new Date() })
    await recordUpdate(ctx, {
      action: 'content.renamed',
      subjectType: 'content',
      subjectId: item.id,
      changes: diffChanges({ title: item.title }, { title }),
      payload: { itemId: item.id, projectId: item.project_id },
    })
  }
  // An empty description clears it.
  const description = change.description === undefined ? undefined : change.description || null
  if (description !== undefined && description !== (item.description ?? null)) {
    await trx
      .from('content_items')
      .where('id', item.id)
      .update({ description, updated_by: user.id, updated_at: new Date() })
    await recordUpdate(ctx, {
      action: 'content.described',
      subjectType: 'content',
      subjectId: item.id,
      details: { title },
      changes: diffChanges({ description: item.description }, { description }),
      payload: { itemId: item.id, projectId: item.project_id },
    })
  }
  const { item: updated } = await findItem(ctx, id)
  return updated
}

export async function setDeleted(ctx: ActionContext, id: string, deleted: boolean) {
  const { item, access } = await findItem(ctx, id, { withDeleted: true })
  await ctx.bouncer.authorize('editProject', access)
  await ctx.tenant.trx
    .from('content_items')
    .where('id', item.id)
    .update({
      deleted_at: deleted ? new Date() : null,
      deleted_by: deleted ? ctx.tenant.user.id : null,
      updated_at: new Date(),
    })
  await recordChange(ctx, {
    action: deleted ? 'content.deleted' : 'content.restored',
    subjectType: 'content',
    subjectId: item.id,
    details: { title: item.title },
    payload: { itemId: item.id, projectId: item.project_id },
  })
}

/** Removes the item, its versions and chunks, and stored objects nothing else refers to. */
export async function destroyContent(ctx: ActionContext, id: string) {
  const { item, access } = await findItem(ctx, id, { withDeleted: true })
  await ctx.bouncer.authorize('manageProject', access)
  const { trx } = ctx.tenant
  const versions = await trx
    .from('content_versions')
    .where('content_item_id', item.id)
    .select('storage_key')
  const keys = new Set<string>(versions.map((version) => version.storage_key))
  if (item.metadata?.thumbnail) keys.add(item.metadata.thumbnail.storageKey)
  await trx.from('content_items').where('id', item.id).delete()
  // Versions (a restored one shares its original's key) and identical files elsewhere
  // share stored objects: each is removed once, when nothing refers to it any more.
  const catalog = await contentCatalog(ctx.tenant.trx)
  for (const key of keys) {
    if (!(await storedObjectInUse(trx, key))) await catalog.storedIn(key)?.delete(trx, key)
  }
  await recordChange(ctx, {
    action: 'content.destroyed',
    subjectType: 'content',
    subjectId: item.id,
    details: { title: item.title },
    payload: { itemId: item.id, projectId: item.project_id },
  })
}
