/*
| Reading content: lists, an item's text, versions and ingestion runs. Every
| function runs in the caller's tenant transaction; row-level security keeps it
| inside the workspace, and callers narrow to what the user may see.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'

export interface ContentPageFilters {
  /** Projects the user may see; null for tenant admins, who see them all. */
  visibleProjectIds: string[] | null
  projectId?: string
  type?: string
  q?: string
  tagId?: string
  deleted?: 'exclude' | 'only'
  /** The last item of the previous page: this page starts after it. */
  after?: { createdAt: string; id: string }
  limit: number
}

/**
 * The current version's ingestion status and whether the item has any text: what
 * serializeItem's `textStatus` is made of. Selected beside `i.*` (items aliased `i`).
 */
export function textStatusColumns(trx: TenantTransaction) {
  return [
    trx.raw(
      `(select r.status from ingestion_runs r
         where r.content_item_id = i.id and r.version = i.current_version) as ingestion_status`
    ),
    trx.raw(
      `exists (select 1 from text_content t
         where t.content_item_id = i.id and t.body ~ '[^[:space:]]') as has_text`
    ),
  ]
}

/**
 * Newest first, keyset-paged on (created_at, id). Returns one row more than the
 * limit when another page follows, so the caller knows without a count.
 */
export function contentPage(trx: TenantTransaction, filters: ContentPageFilters) {
  const query = trx
    .from('content_items as i')
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
  if (filters.visibleProjectIds) query.whereIn('i.project_id', filters.visibleProjectIds)
  if (filters.projectId) query.where('i.project_id', filters.projectId)
  if (filters.type) query.where('i.content_type', filters.type)
  if (filters.q) query.whereILike('i.title', `%${filters.q.replace(/[\\%_]/g, '\\$&')}%`)
  if (filters.tagId) {
    const tagId = filters.tagId
    query.whereExists((tagged) =>
      tagged
        .from('content_tags as ct')
        .whereRaw('ct.content_item_id = i.id')
        .where('ct.tag_id', tagId)
    )
  }
  if (filters.deleted === 'only') query.whereNotNull('i.deleted_at')
  else query.whereNull('i.deleted_at')
  if (filters.after) {
    query.whereRaw('(i.created_at, i.id) < (?::timestamptz, ?::uuid)', [
      filters.after.createdAt,
      filters.after.id,
    ])
  }
  return query.select('i.*', ...textStatusColumns(trx)).limit(filters.limit + 1)
}

/** The item's current text row (`body`), if it has one. */
export function textOf(trx: TenantTransaction, itemId: string) {
  return trx.from('text_content').where('content_item_id', itemId).first()
}

/**
 * Whether a stored object is still referred to: by a version (of any item — identical
 * files share one object, and a restored version shares its original's) or as an
 * item's thumbnail.
 */
export async function storedObjectInUse(trx: TenantTransaction, storageKey: string) {
  const byVersion = await trx.from('content_versions').where('storage_key', storageKey).first()
  if (byVersion) return true
  const byThumbnail = await trx
    .from('content_items')
    .whereRaw(`metadata->'thumbnail'->>'storageKey' = ?`, [storageKey])
    .first()
  return Boolean(byThumbnail)
}

/** One version of the item, or undefined. */
export function versionOf(trx: TenantTransaction, itemId: string, version: number) {
  return trx.from('content_versions').where({ content_item_id: itemId, version }).first()
}

/** The item's versions, newest first. */
export function versionsOf(trx: TenantTransaction, itemId: string) {
  return trx.from('content_versions').where('content_item_id', itemId).orderBy('version', 'desc')
}

/** The item's versions with these numbers (those that exist). */
export function versionsNumbered(trx: TenantTransaction, itemId: string, versions: number[]) {
  return trx.from('content_versions').where('content_item_id', itemId).whereIn('version', versions)
}

/** The ingestion run of one version of the item, or undefined. */
export function ingestionRunOf(trx: TenantTransaction, itemId: string, version: number) {
  return trx.from('ingestion_runs').where({ content_item_id: itemId, version }).first()
}

/** How many of the project's items stand at each ingestion status (their current versions). */
export async function ingestionStatusCounts(trx: TenantTransaction, projectId: string) {
  const runs = await trx
    .from('ingestion_runs as r')
    .join('content_items as i', 'i.id', 'r.content_item_id')
    .where('i.project_id', projectId)
    .whereRaw('r.version = i.current_version')
    .groupBy('r.status')
    .select('r.status')
    .count('* as total')
  return Object.fromEntries(runs.map((run) => [run.status as string, Number(run.total)]))
}

/**
 * The project's trash: items moved there, most recently first, with who moved
 * them (their name, when the user still exists), a page at a time.
 */
export async function trashPage(
  trx: TenantTransaction,
  projectId: string,
  page: { page: number; perPage: number }
) {
  const trashed = trx
    .from('content_items as i')
    .where('i.project_id', projectId)
    .whereNotNull('i.deleted_at')
  const total = await trashed.clone().count('* as total').first()
  const rows = await trashed
    .leftJoin('users as u', 'u.id', 'i.deleted_by')
    .orderBy('i.deleted_at', 'desc')
    .orderBy('i.id', 'desc')
    .select('i.*', 'u.full_name as deleted_by_name')
    .offset((page.page - 1) * page.perPage)
    .limit(page.perPage)
  return { rows, total: Number(total?.total ?? 0) }
}

/**
 * Holds, until the transaction ends, the right to decide what an upload of
 * `filename` into the project becomes: a concurrent upload of the same name
 * waits, then sees the item this one created (READ COMMITTED reads anew).
 */
export async function lockUploadName(trx: TenantTransaction, projectId: string, filename: string) {
  await trx.rawQuery('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `content-upload:${projectId}:${filename.toLowerCase()}`,
  ])
}

/**
 * The project's items (not in the trash) uploaded under this file name, newest
 * first: a second upload of it is a new version or a deliberate copy. Case is
 * ignored: Notes.md and notes.md are one file to most people (and to macOS and Windows).
 */
export function itemsNamed(trx: TenantTransaction, projectId: string, filename: string) {
  return trx
    .from('content_items')
    .where('project_id', projectId)
    .whereRaw('lower(original_filename) = lower(?)', [filename])
    .whereNull('deleted_at')
    .orderBy('created_at', 'desc')
    .select('id', 'title', 'content_type', 'current_version')
}

/**
 * Bytes the workspace stores: every distinct stored object once (by checksum),
 * whichever driver holds it. The storage limit checks this figure and the
 * settings page shows it.
 */
export async function storedBytes(trx: TenantTransaction): Promise<number> {
  const { rows } = await trx.rawQuery(
    'select coalesce(sum(size_bytes), 0) as total from (select distinct on (sha256) size_bytes from content_versions) stored'
  )
  return Number(rows[0]?.total ?? 0)
}

/** Bytes of the project's items' versions (each distinct object once within the project). */
export async function projectStoredBytes(trx: TenantTransaction, projectId: string) {
  const { rows } = await trx.rawQuery(
    `select coalesce(sum(size_bytes), 0) as total from (
       select distinct on (v.sha256) v.size_bytes from content_versions v
       join content_items i on i.id = v.content_item_id where i.project_id = ?) stored`,
    [projectId]
  )
  return Number(rows[0]?.total ?? 0)
}
