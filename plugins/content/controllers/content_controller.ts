import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { visibleProjectIds } from '#services/queries/projects'
import { loadProjectAccess } from '#services/project_access'
import { storageInUse } from '#services/tenant_usage'
import { UnprocessableError } from '#exceptions/domain_errors'
import {
  createContentValidator,
  listContentValidator,
  trashValidator,
  updateContentValidator,
  uploadContentValidator,
} from '../validators/content.js'
import {
  createContent,
  destroyContent,
  findItem,
  setDeleted,
  updateContent,
} from '../services/content_service.js'
import { serializeItem, textStatusOf } from '../services/serializers.js'
import { uploadContent } from '../services/uploads.js'
import { assertUploadFits } from '../services/upload_limits.js'
import { fileSource } from '../services/content_source.js'
import { TooLargeError } from '../services/errors.js'
import { LARGEST_FILE_BYTES } from '#config/bodyparser'
import { highlightCode } from '../services/highlight.js'
import { contentCatalog } from '../services/catalog.js'
import { readVerified, StoredObjectError } from '../services/storage_contract.js'
import {
  contentPage,
  ingestionRunOf,
  ingestionStatusCounts,
  projectStoredBytes,
  textOf,
  trashPage,
  versionOf,
} from '../services/content_queries.js'
import { tagsOfItem } from '../services/tags.js'
import { decodeCursor, encodeCursor } from '../services/content_cursor.js'

/** Longest uploaded file name (most file systems stop at 255 bytes). */
const MAX_FILENAME_LENGTH = 255

export default class ContentController {
  /** Newest first, a page at a time; `nextCursor` fetches the following page. */
  async index(ctx: HttpContext) {
    const filters = await ctx.request.validateUsing(listContentValidator, {
      data: ctx.request.qs(),
    })
    const { trx, user } = ctx.tenant
    const limit = filters.limit ?? 25
    const after = filters.cursor ? decodeCursor(filters.cursor) : undefined
    const rows = await contentPage(trx, {
      ...filters,
      visibleProjectIds: await visibleProjectIds(trx, user),
      after,
      limit,
    })
    const page = rows.slice(0, limit)
    return {
      data: page.map(serializeItem),
      meta: { limit, nextCursor: rows.length > limit ? encodeCursor(page.at(-1)) : null },
    }
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createContentValidator)
    const item = await createContent(ctx, input)
    return ctx.response.created({ data: serializeItem(item) })
  }

  /** Multipart upload: the body parser streams the file to disk, then it is checked and stored. */
  async upload(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(uploadContentValidator)
    const file = ctx.request.file('file', { size: LARGEST_FILE_BYTES })
    if (!file)
      throw new UnprocessableError([
        { field: 'file', message: 'Choose a file to upload', rule: 'required' },
      ])
    const tooLarge = file.errors.find((error) => error.type === 'size')
    if (tooLarge) throw new TooLargeError('file', tooLarge.message)
    if (file.hasErrors) {
      throw new UnprocessableError(
        file.errors.map((error) => ({ field: 'file', message: error.message, rule: error.type }))
      )
    }
    // The name becomes the title and original_filename (varchar(500)): a 422, not a 500.
    if (file.clientName.length > MAX_FILENAME_LENGTH) {
      throw new UnprocessableError([
        {
          field: 'file',
          message: `The file name may be at most ${MAX_FILENAME_LENGTH} characters`,
          rule: 'maxLength',
        },
      ])
    }
    // From the size on disk: a file over its type's limit is never read at all.
    await assertUploadFits(ctx, file.clientName, file.size)
    // The file stays on disk: its type reads what it needs, storage streams it.
    const item = await uploadContent(ctx, {
      projectId: input.projectId,
      title: input.title,
      upload: await fileSource(file.tmpPath!),
      filename: file.clientName,
      onDuplicate: input.onDuplicate,
    })
    // A new version answers 200 with the item; a new item 201.
    return item.current_version > 1
      ? { data: serializeItem(item) }
      : ctx.response.created({ data: serializeItem(item) })
  }

  async show(ctx: HttpContext) {
    const { item, access } = await findItem(ctx, ctx.params.id, { withDeleted: true })
    const { trx } = ctx.tenant
    const text = await textOf(trx, item.id)
    const run = await ingestionRunOf(trx, item.id, item.current_version)
    const tags = await tagsOfItem(trx, item.id)
    return {
      data: {
        ...serializeItem(item),
        body: text?.body ?? null,
        highlightedHtml:
          item.content_type === 'code' ? highlightCode(text?.body ?? '', item.language) : null,
        tags,
        ingestion: run
          ? { status: run.status, chunks: run.chunk_count, tokens: run.token_count }
          : null,
        textStatus: textStatusOf(run?.status, Boolean(text?.body.trim())),
        myRole: access.role,
      },
    }
  }

  /** The stored bytes, verified against their checksum; never served when damaged or missing. */
  async download(ctx: HttpContext) {
    const { item } = await findItem(ctx, ctx.params.id)
    const version = await versionOf(ctx.tenant.trx, item.id, item.current_version)
    const catalog = await contentCatalog(ctx.tenant.trx)
    try {
      const bytes = await readVerified(
        catalog.storedIn(version.storage_key)!,
        ctx.tenant.trx,
        version.storage_key,
        version.sha256
      )
      const filename = (item.original_filename ?? `${item.title}.txt`).replace(/["\r\n]/g, '')
      ctx.response.header('content-type', item.mime_type)
      ctx.response.header('content-disposition', `attachment; filename="${filename}"`)
      return ctx.response.send(bytes)
    } catch (error) {
      if (!(error instanceof StoredObjectError)) throw error
      logger.error({ itemId: item.id, reason: error.reason }, 'stored content failed verification')
      return ctx.response.internalServerError({
        errors: [
          {
            message: `The stored file is ${error.reason} and was not served. An admin should restore it from a backup.`,
          },
        ],
      })
    }
  }

  /** An image's preview, verified like every stored object. */
  async thumbnail(ctx: HttpContext) {
    const { item } = await findItem(ctx, ctx.params.id)
    const preview = item.metadata?.thumbnail
    if (!preview)
      return ctx.response.notFound({ errors: [{ message: 'This content has no thumbnail' }] })
    const catalog = await contentCatalog(ctx.tenant.trx)
    try {
      const bytes = await readVerified(
        catalog.storedIn(preview.storageKey)!,
        ctx.tenant.trx,
        preview.storageKey,
        preview.sha256
      )
      ctx.response.header('content-type', 'image/webp')
      ctx.response.header('cache-control', 'private, max-age=3600')
      return ctx.response.send(bytes)
    } catch (error) {
      if (!(error instanceof StoredObjectError)) throw error
      return ctx.response.internalServerError({
        errors: [{ message: `The thumbnail is ${error.reason}` }],
      })
    }
  }

  async update(ctx: HttpContext) {
    const change = await ctx.request.validateUsing(updateContentValidator)
    const item = await updateContent(ctx, ctx.params.id, change)
    return { data: serializeItem(item) }
  }

  async destroy(ctx: HttpContext) {
    await setDeleted(ctx, ctx.params.id, true)
    return ctx.response.noContent()
  }

  async restore(ctx: HttpContext) {
    await setDeleted(ctx, ctx.params.id, false)
    const { item } = await findItem(ctx, ctx.params.id)
    return { data: serializeItem(item) }
  }

  async permanent(ctx: HttpContext) {
    await destroyContent(ctx, ctx.params.id)
    return ctx.response.noContent()
  }

  /**
   * Where a project's content stands: counts by ingestion status in `data`; in
   * `storage`, the project's bytes and the workspace's, the very figure its
   * storage limit checks.
   */
  async projectSummary(ctx: HttpContext) {
    const { project } = await loadProjectAccess(ctx, ctx.params.projectId)
    const { trx, model } = ctx.tenant
    return {
      data: await ingestionStatusCounts(trx, project.id),
      storage: {
        projectBytes: await projectStoredBytes(trx, project.id),
        workspaceBytes: await storageInUse(trx),
        limitBytes: model.maxStorageGb * 1024 ** 3,
      },
    }
  }

  /** The project's trash, most recently trashed first, with who moved each item there. */
  async trash(ctx: HttpContext) {
    const { page = 1, perPage = 25 } = await ctx.request.validateUsing(trashValidator, {
      data: ctx.request.qs(),
    })
    const { project } = await loadProjectAccess(ctx, ctx.params.projectId)
    const { rows, total } = await trashPage(ctx.tenant.trx, project.id, { page, perPage })
    return {
      data: rows.map((row) => ({
        ...serializeItem(row),
        deletedByName: row.deleted_by_name ?? null,
      })),
      meta: {
        total,
        perPage,
        currentPage: page,
        lastPage: Math.max(1, Math.ceil(total / perPage)),
      },
    }
  }
}
