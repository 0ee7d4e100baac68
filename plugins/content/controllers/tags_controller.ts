import type { HttpContext } from '@adonisjs/core/http'
import { loadProjectAccess } from '#services/project_access'
import { diffChanges, recordChange, recordUpdate } from '#services/change_log'
import { NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import {
  createTagValidator,
  tagContentValidator,
  updateTagValidator,
} from '../validators/content.js'
import { findItem } from '../services/content_service.js'
import { serializeTag } from '../services/serializers.js'
import {
  attachTag,
  deleteTag,
  detachTag,
  findTag,
  insertTag,
  projectTagsWithCounts,
  tagNameTaken,
  updateTag,
} from '../services/tags.js'

/** Tags per project: unique names, a colour, counts for a tag cloud. */
export default class TagsController {
  async index(ctx: HttpContext) {
    const { project } = await loadProjectAccess(ctx, ctx.params.projectId)
    const rows = await projectTagsWithCounts(ctx.tenant.trx, project.id)
    return { data: rows.map(serializeTag) }
  }

  async store(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.projectId)
    await ctx.bouncer.authorize('editProject', access)
    const input = await ctx.request.validateUsing(createTagValidator)
    await this.#assertNameFree(ctx, access.project.id, input.name)
    const tag = await insertTag(ctx.tenant.trx, {
      tenantId: ctx.tenant.id,
      projectId: access.project.id,
      name: input.name,
      color: input.color,
    })
    await recordChange(ctx, {
      action: 'tag.created',
      subjectType: 'tag',
      subjectId: tag.id,
      details: { name: tag.name },
    })
    return ctx.response.created({ data: serializeTag(tag) })
  }

  async update(ctx: HttpContext) {
    const tag = await this.#find(ctx)
    const input = await ctx.request.validateUsing(updateTagValidator)
    if (input.name && input.name.toLowerCase() !== tag.name.toLowerCase()) {
      await this.#assertNameFree(ctx, tag.project_id, input.name)
    }
    const updated = await updateTag(ctx.tenant.trx, tag.id, input)
    await recordUpdate(ctx, {
      action: 'tag.updated',
      subjectType: 'tag',
      subjectId: tag.id,
      details: { name: updated.name },
      changes: diffChanges(tag, updated, ['name', 'color']),
    })
    return { data: serializeTag(updated) }
  }

  async destroy(ctx: HttpContext) {
    const tag = await this.#find(ctx)
    await deleteTag(ctx.tenant.trx, tag.id)
    await recordChange(ctx, {
      action: 'tag.deleted',
      subjectType: 'tag',
      subjectId: tag.id,
      details: { name: tag.name },
    })
    return ctx.response.noContent()
  }

  async attach(ctx: HttpContext) {
    const { item, access } = await findItem(ctx, ctx.params.id)
    await ctx.bouncer.authorize('editProject', access)
    const { tagId } = await ctx.request.validateUsing(tagContentValidator)
    const tag = await findTag(ctx.tenant.trx, tagId, item.project_id)
    if (!tag)
      throw new UnprocessableError([
        { field: 'tagId', message: "No such tag in this content's project", rule: 'exists' },
      ])
    await attachTag(ctx.tenant.trx, ctx.tenant.id, item.id, tag.id)
    return ctx.response.noContent()
  }

  async detach(ctx: HttpContext) {
    const { item, access } = await findItem(ctx, ctx.params.id)
    await ctx.bouncer.authorize('editProject', access)
    // A tag that is not on the item (or not in the tenant) is an unknown id: 404, not 204.
    const removed = await detachTag(ctx.tenant.trx, item.id, ctx.params.tagId)
    if (!removed) throw new NotFoundError('This tag is not on the item')
    return ctx.response.noContent()
  }

  async #find(ctx: HttpContext) {
    const tag = await findTag(ctx.tenant.trx, ctx.params.id)
    if (!tag) throw new NotFoundError('Tag not found')
    const access = await loadProjectAccess(ctx, tag.project_id)
    await ctx.bouncer.authorize('editProject', access)
    return tag
  }

  async #assertNameFree(ctx: HttpContext, projectId: string, name: string) {
    if (await tagNameTaken(ctx.tenant.trx, projectId, name))
      throw new UnprocessableError([
        { field: 'name', message: 'This project already has a tag with this name', rule: 'unique' },
      ])
  }
}
