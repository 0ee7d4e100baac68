import { timingSafeEqual, createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import env from '#start/env'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * The platform operator authenticates with the OPERATOR_TOKEN bearer token.
 * Without one configured the platform API does not exist (404).
 */
export default class OperatorMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const expected = env.get('OPERATOR_TOKEN')
    if (!expected) return ctx.response.notFound({ errors: [{ message: 'Route not found' }] })
    const given = ctx.request.header('authorization')?.replace(/^Bearer\s+/i, '') ?? ''
    if (!timingSafeEqual(digest(given), digest(expected))) {
      return ctx.response.unauthorized({
        errors: [{ message: 'A valid operator token is required' }],
      })
    }
    return next()
  }
}
