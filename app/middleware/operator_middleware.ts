import { timingSafeEqual, createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import env from '#start/env'
import { operatorTokenGuesses } from '#start/limiter'

const digest = (value: string) => createHash('sha256').update(value).digest()

export const OPERATOR_SESSION_KEY = 'platform_operator'

class WrongOperatorToken extends Error {}

/** Compares in constant time, so the token cannot be guessed byte by byte. */
export function isOperatorToken(given: string) {
  const expected = env.get('OPERATOR_TOKEN')
  return Boolean(expected) && timingSafeEqual(digest(given), digest(expected!))
}

/**
 * The platform operator authenticates with the OPERATOR_TOKEN: as a bearer
 * token (API) or once, at /platform/login, into the session (pages).
 * Without a token configured the platform area does not exist (404).
 */
export default class OperatorMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!env.get('OPERATOR_TOKEN')) {
      return ctx.response.notFound({ errors: [{ message: 'This address does not exist' }] })
    }
    const bearer = ctx.request.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]
    const viaSession = !bearer && ctx.session?.get(OPERATOR_SESSION_KEY) === true
    if (viaSession) return next()
    if (bearer) {
      // Wrong bearer guesses spend the same per-address budget as the sign-in form's.
      const [throttled, valid] = await operatorTokenGuesses()
        .penalize(`operator_login:${ctx.request.ip()}`, async () => {
          if (!isOperatorToken(bearer)) throw new WrongOperatorToken()
          return true
        })
        .catch((error) => {
          if (error instanceof WrongOperatorToken) return [null, false] as const
          throw error
        })
      if (throttled) throw throttled
      if (valid) return next()
    }
    if (!ctx.request.url().startsWith('/api/')) return ctx.response.redirect('/platform/login')
    return ctx.response.unauthorized({
      errors: [{ message: 'A valid operator token is required' }],
    })
  }
}
