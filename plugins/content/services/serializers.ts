const iso = (value: Date | null | undefined) => (value ? new Date(value).toISOString() : null)

export type TextStatus = 'pending' | 'indexed' | 'none' | 'failed'

/**
 * Whether the item's text is searchable, from its current version's ingestion run:
 * 'pending' until ingested, then 'indexed' when it has text, or 'none' when its content
 * yields no text (an image, a scanned PDF: found by its name and description only).
 */
export function textStatusOf(ingestionStatus: string | null | undefined, hasText: boolean) {
  if (ingestionStatus === 'failed') return 'failed'
  if (ingestionStatus !== 'done') return 'pending'
  return hasText ? 'indexed' : 'none'
}

export const serializeItem = (row: Record<string, any>) => ({
  id: row.id,
  projectId: row.project_id,
  title: row.title,
  description: row.description ?? null,
  type: row.content_type,
  language: row.language,
  mimeType: row.mime_type,
  originalFilename: row.original_filename,
  version: row.current_version,
  sizeBytes: Number(row.size_bytes),
  sha256: row.sha256,
  metadata: { ...(row.metadata ?? {}), thumbnail: undefined },
  hasThumbnail: Boolean(row.metadata?.thumbnail),
  deletedAt: iso(row.deleted_at),
  deletedBy: row.deleted_by ?? null,
  createdBy: row.created_by,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
  // Where the row was read with textStatusColumns (content_queries.ts).
  textStatus:
    'has_text' in row ? textStatusOf(row.ingestion_status, Boolean(row.has_text)) : undefined,
})

export const serializeVersion = (row: Record<string, any>) => ({
  version: row.version,
  title: row.title,
  summary: row.summary,
  sizeBytes: Number(row.size_bytes),
  sha256: row.sha256,
  createdBy: row.created_by,
  createdAt: iso(row.created_at),
})

export const serializeTag = (row: Record<string, any>) => ({
  id: row.id,
  projectId: row.project_id,
  name: row.name,
  color: row.color,
  count: row.count === undefined ? undefined : Number(row.count),
})
