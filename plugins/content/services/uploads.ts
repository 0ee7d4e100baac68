/*
| Uploading a file: a new item, or — when the project already holds an item
| uploaded under the same file name — a new version of it or a deliberate
| second item. Never a silent duplicate: without a choice the upload is a 409
| naming the existing item, so the page can offer "new version of …" or "keep both".
*/
import { Exception } from '@adonisjs/core/exceptions'
import type { ActionContext } from '#tenancy/action_context'
import { loadProjectAccess } from '#services/project_access'
import { UnprocessableError } from '#exceptions/domain_errors'
import { contentCatalog } from './catalog.js'
import type { ContentSource } from './content_source.js'
import { itemsNamed, lockUploadName } from './content_queries.js'
import { admit } from './admission.js'
import { createContent, findItem, readContent, storeSource } from './content_service.js'
import { applyFileVersion } from './file_versions.js'

export type OnDuplicate = 'version' | 'keep-both'

export interface Upload {
  projectId: string
  title?: string
  upload: ContentSource
  filename: string
  onDuplicate?: OnDuplicate
}

interface ExistingItem {
  id: string
  title: string
  version: number
}

/** 409: an item with this file name exists; the answer names it and the choices. */
export class DuplicateUploadError extends Exception {
  static status = 409
  static code = 'E_DUPLICATE_UPLOAD'

  constructor(public existing: ExistingItem) {
    super(`"${existing.title}" was already uploaded under this file name`)
  }

  async handle(error: this, ctx: { response: { status: (n: number) => any } }) {
    ctx.response.status(409).send({
      errors: [
        {
          field: 'file',
          message: `${error.message}: upload it as a new version, or keep both`,
          rule: 'duplicate',
        },
      ],
      existing: error.existing,
      choices: ['version', 'keep-both'],
    })
  }
}

/** The uploaded item: new, a new version of the namesake, or a second item beside it. */
export async function uploadContent(ctx: ActionContext, input: Upload) {
  const access = await loadProjectAccess(ctx, input.projectId)
  await ctx.bouncer.authorize('editProject', access)
  await lockUploadName(ctx.tenant.trx, access.project.id, input.filename)
  const [namesake] = await itemsNamed(ctx.tenant.trx, access.project.id, input.filename)
  if (namesake && input.onDuplicate === 'version') return addFileVersion(ctx, namesake.id, input)
  if (namesake && !input.onDuplicate) {
    throw new DuplicateUploadError({
      id: namesake.id,
      title: namesake.title,
      version: namesake.current_version,
    })
  }
  return createContent(ctx, input)
}

/** The file becomes the item's next version; it must be of the item's type. */
async function addFileVersion(ctx: ActionContext, itemId: string, input: Upload) {
  const { item } = await findItem(ctx, itemId)
  const { trx } = ctx.tenant
  const catalog = await contentCatalog(trx)
  const type = catalog.typeForFilename(input.filename)
  if (!type || type.key !== item.content_type) {
    const expected = catalog.type(item.content_type)?.label ?? item.content_type
    throw new UnprocessableError([
      {
        field: 'file',
        message: `A new version of "${item.title}" must be ${expected.toLowerCase()} too`,
        rule: 'type',
      },
    ])
  }
  const source = input.upload
  await admit(ctx, type, source, 'file', input.filename)
  const { text, metadata, mimeType } = await readContent(ctx, type, source, 'file')
  const stored = {
    storageKey: await storeSource(ctx, source),
    sha256: source.sha256,
    size: source.size,
  }
  return applyFileVersion(ctx, item.id, {
    title: input.title?.trim() || item.title,
    text,
    stored,
    mimeType,
    metadata,
    summary: `Uploaded ${input.filename}`,
  })
}
