/*
| Whether content may come in: not empty, enabled in the workspace, within its
| type's limit (checked from the size before the type reads anything), really
| of that type, and within the workspace's storage limit. And the one way a
| type's decoder failing becomes a 422 naming the field.
*/
import type { ActionContext } from '#tenancy/action_context'
import { storageInUse } from '#services/tenant_usage'
import { UnprocessableError } from '#exceptions/domain_errors'
import type { ContentTypeDefinition } from './content_types.js'
import type { ContentSource } from './content_source.js'
import { TooLargeError } from './errors.js'
import { limitWith, workspaceTypeSetting } from './upload_limits.js'

const GiB = 1024 ** 3
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Size limits, the content's true type, and the workspace's storage limit. */
export async function admit(
  ctx: ActionContext,
  type: ContentTypeDefinition,
  source: ContentSource,
  field: string,
  filename?: string
) {
  if (source.size === 0) {
    throw new UnprocessableError([{ field, message: 'The content is empty', rule: 'required' }])
  }
  const setting = await workspaceTypeSetting(ctx.tenant.trx, type.key)
  if (setting && !setting.enabled) {
    throw new UnprocessableError([
      { field: 'type', message: `${type.label} is disabled in this workspace` },
    ])
  }
  const limit = limitWith(type, setting)
  // Before the type looks at the content: a type that reads it whole reads a bounded amount.
  if (source.size > limit) {
    throw new TooLargeError(
      field,
      `${type.label} may be at most ${mb(limit)}; this is ${mb(source.size)}`
    )
  }
  const problem = await type.sniff(source, filename)
  if (problem) {
    throw new UnprocessableError([
      {
        field,
        message: `This does not look like ${type.label.toLowerCase()}: ${problem}`,
        rule: 'type',
      },
    ])
  }
  // The figure the settings page shows as the storage in use.
  const stored = await storageInUse(ctx.tenant.trx)
  const storageLimit = ctx.tenant.model.maxStorageGb * GiB
  if (stored + source.size > storageLimit) {
    throw new TooLargeError(
      field,
      `The workspace's storage limit of ${mb(storageLimit)} would be exceeded`
    )
  }
}

/** What the type reads from the content, or a 422 naming the field when its decoder fails. */
export async function decoded<T>(
  type: ContentTypeDefinition,
  field: string,
  read: () => Promise<T>
) {
  try {
    return await read()
  } catch {
    throw new UnprocessableError([
      { field, message: `This ${type.label} could not be read; it may be damaged`, rule: 'type' },
    ])
  }
}
