import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { UnprocessableError } from '#exceptions/domain_errors'

/** 422 on `slug` when the scoped query already finds a row with it. */
export async function assertUniqueSlug(query: DatabaseQueryBuilderContract) {
  if (await query.first()) {
    throw new UnprocessableError([
      { field: 'slug', message: 'This slug is already taken', rule: 'unique' },
    ])
  }
}

/** A program's slug is unique in its workspace. */
export function assertUniqueProgramSlug(trx: TenantTransaction, slug: string) {
  return assertUniqueSlug(trx.from('programs').where('slug', slug))
}

/** A project's slug is unique in its program. */
export function assertUniqueProjectSlug(trx: TenantTransaction, programId: string, slug: string) {
  return assertUniqueSlug(trx.from('projects').where({ program_id: programId, slug }))
}
