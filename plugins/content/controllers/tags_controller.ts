import type { HttpContext } from '@adonisjs/core/http'
import { loadProjectAccess } from '#services/project_access'
import { recordChange } from '#services/change_log'
import { NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import {
  createTagValidator,
  tagContentValidator,
  updateTagValidator,
} from '../validators/content.js'
import { findItem } from '../services/content_service.js'
import { serializeTag } from '../services/serializers.js'

/** Tags per project: unique names, a colour, counts for a tag cloud. */
export default class TagsController {
  async index(ctx: HttpContext) {
    const { project } = await loadProjectAccess(ctx, ctx.params.projectId)
    const rows = await ctx.tenant.trx
      .from('tags')
      .leftJoin('content_tags as ct', 'ct.tag_id', 'tags.id')
      .leftJoin('content_items as i', (join) =>
        join.on('i.id', 'ct.content_item_id').onNull('i.deleted_at')
      )
      .where('tags.project_id', project.id)
      .groupBy('tags.id')
      .select('tags.*', ctx.tenant.trx.raw('count(i.id) as count'))
      .orderBy('tags.name')
    return { data: rows.map(serializeTag) }
  }

  async store(ctx: HttpContext) {
    const access = await loadProjectAccess(ctx, ctx.params.projectId)
    await ctx.bouncer.authorize('editProject', access)
    const input = await ctx.request.validateUsing(createTagValidator)
    await this.#assertNameFree(ctx, access.project.id, input.name)
    const [tag] = await ctx.tenant.trx
      .table('tags')
      .insert({
        tenant_id: ctx.tenant.id,
        project_id: access.project.id,
        name: input.name,
        color: input.color,
      })
      .returning('*')
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
    const [updated] = await ctx.tenant.trx
      .from('tags')
      .where('id', tag.id)
      .update(input)
      .returning('*')
    await recordChange(ctx, {
      action: 'tag.updated',
      subjectType: 'tag',
      subjectId: tag.id,
      details: input,
    })
    return { data: serializeTag(updated) }
  }

  async destroy(ctx: HttpContext) {
    const tag = await this.#find(ctx)
    await ctx.tenant.trx.from('tags').where('id', tag.id).delete()
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
    const tag = await ctx.tenant.trx
      .from('tags')
      .where({ id: tagId, project_id: item.project_id })
      .first()
    if (!tag)
      throw new UnprocessableError([
        { field: 'tagId', message: "No such tag in this content's project", rule: 'exists' },
      ])
    await ctx.tenant.trx.rawQuery(
      'insert into content_tags (tenant_id, content_item_id, tag_id) values (?, ?, ?) on conflict do nothing',
      [ctx.tenant.id, item.id, tag.id]
    )
    return ctx.response.noContent()
  }

  async detach(ctx: HttpContext) {
    const { item, access } = await findItem(ctx, ctx.params.id)
    await ctx.bouncer.authorize('editProject', access)
    // A tag that is not on the item (or not in the tenant) is an unknown id: 404, not 204.
    const removed = await ctx.tenant.trx
      .from('content_tags')
      .where({ content_item_id: item.id, tag_id: ctx.params.tagId })
      .delete()
    if (Number(removed) === 0) throw new NotFoundError('This tag is not on the item')
    return ctx.response.noContent()
  }

  async #find(ctx: HttpContext) {
    const tag = await ctx.tenant.trx.from('tags').where('id', ctx.params.id).first()
    if (!tag) throw new NotFoundError('Tag not found')
    const access = await loadProjectAccess(ctx, tag.project_id)
    await ctx.bouncer.authorize('editProject', access)
    return tag
  }

  async #assertNameFree(ctx: HttpContext, projectId: string, name: string) {
    const taken = await ctx.tenant.trx
      .from('tags')
      .where('project_id', projectId)
      .whereRaw('lower(name) = lower(?)', [name])
      .first()
    if (taken)
      throw new UnprocessableError([
        { field: 'name', message: 'This project already has a tag with this name', rule: 'unique' },
      ])
  }
}
