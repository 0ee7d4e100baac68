import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Program from '#models/program'
import type User from '#models/user'
import {
  createProgramValidator,
  listProgramsValidator,
  updateProgramValidator,
} from '#validators/workspace'
import { paginated, serializeProgram, slugify } from '#transformers/serializers'
import { pendingChanges, recordChange, recordUpdate } from '#services/change_log'
import { NotFoundError } from '#exceptions/domain_errors'
import { assertUniqueProgramSlug } from '#services/unique_slug'
import { findVisibleProgram, visiblePrograms } from '#services/queries/programs'

export default class ProgramsController {
  async index({ request, tenant }: HttpContext) {
    const filters = await request.validateUsing(listProgramsValidator, { data: request.qs() })
    return paginated(await visiblePrograms(tenant.trx, tenant.user, filters), serializeProgram)
  }

  async show({ params, tenant }: HttpContext) {
    return { data: serializeProgram(await findProgram(tenant.trx, params.id, tenant.user)) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('createWorkspaces')
    const input = await ctx.request.validateUsing(createProgramValidator)
    const { trx, id: tenantId, user } = ctx.tenant
    const slug = input.slug ?? slugify(input.name)
    await assertUniqueProgramSlug(trx, slug)
    const program = await Program.create(
      {
        tenantId,
        name: input.name,
        slug,
        description: input.description ?? null,
        createdBy: user.id,
      },
      { client: trx }
    )
    await this.#record(ctx, program, 'program.created', { name: program.name })
    return ctx.response.created({ data: serializeProgram(program) })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('manageProgram')
    const program = await findProgram(ctx.tenant.trx, ctx.params.id, ctx.tenant.user)
    const input = await ctx.request.validateUsing(updateProgramValidator)
    if (input.slug && input.slug !== program.slug) {
      await assertUniqueProgramSlug(ctx.tenant.trx, input.slug)
    }
    program.merge(input)
    const changes = pendingChanges(program)
    await program.save()
    await recordUpdate(ctx, {
      action: 'program.updated',
      subjectType: 'program',
      subjectId: program.id,
      details: { name: program.name },
      payload: serializeProgram(program),
      changes,
    })
    return { data: serializeProgram(program) }
  }

  async archive(ctx: HttpContext) {
    return this.#setArchived(ctx, true)
  }

  async unarchive(ctx: HttpContext) {
    return this.#setArchived(ctx, false)
  }

  /** Deleting removes the program's projects too: admins only. */
  async destroy(ctx: HttpContext) {
    await ctx.bouncer.authorize('administerTenant')
    const program = await findProgram(ctx.tenant.trx, ctx.params.id, ctx.tenant.user)
    await program.delete()
    await this.#record(ctx, program, 'program.deleted', { name: program.name })
    return ctx.response.noContent()
  }

  async #setArchived(ctx: HttpContext, archived: boolean) {
    await ctx.bouncer.authorize('manageProgram')
    const program = await findProgram(ctx.tenant.trx, ctx.params.id, ctx.tenant.user)
    // Already so: nothing changes, nothing is audited, the archive date stays the first one.
    if (Boolean(program.archivedAt) === archived) return { data: serializeProgram(program) }
    program.archivedAt = archived ? DateTime.now() : null
    await program.save()
    await this.#record(ctx, program, archived ? 'program.archived' : 'program.unarchived', {})
    return { data: serializeProgram(program) }
  }

  #record(ctx: HttpContext, program: Program, action: string, details: Record<string, unknown>) {
    return recordChange(ctx, {
      action,
      subjectType: 'program',
      subjectId: program.id,
      details,
      payload: { ...serializeProgram(program), ...details },
    })
  }
}

/** A program the user may see; one they may not answers 404, as if it did not exist. */
async function findProgram(trx: HttpContext['tenant']['trx'], id: string, user: User) {
  const program = await findVisibleProgram(trx, id, user)
  if (!program) throw new NotFoundError('Program not found')
  return program
}
