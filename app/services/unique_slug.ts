import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { UnprocessableError } from '#exceptions/domain_errors'

/** 422 on `slug` when the scoped query already finds a row with it. */
export async function assertUniqueSlug(query: DatabaseQueryBuilderContract) {
  if (await query.first()) {
    throw new UnprocessableError([
      { field: 'slug', message: 'This slug is already taken', rule: 'unique' },
    ])
  }
}
