import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { operatorTokenGuesses } from '#start/limiter'
import { isOperatorToken, OPERATOR_SESSION_KEY } from '#middleware/operator_middleware'
import { UnprocessableError } from '#exceptions/domain_errors'

const operatorLoginValidator = vine.create(vine.object({ token: vine.string().minLength(1) }))

/** The operator's browser session, opened with the OPERATOR_TOKEN. */
export default class OperatorSessionController {
  async store({ request, session, response }: HttpContext) {
    const { token } = await request.validateUsing(operatorLoginValidator)
    const [throttled] = await operatorTokenGuesses().penalize(
      `operator_login:${request.ip()}`,
      async () => {
        if (!isOperatorToken(token)) {
          throw new UnprocessableError([
            { field: 'token', message: 'This is not the operator token' },
          ])
        }
      }
    )
    if (throttled) throw throttled
    session.regenerate()
    session.put(OPERATOR_SESSION_KEY, true)
    return response.noContent()
  }

  async destroy({ session, response }: HttpContext) {
    session.forget(OPERATOR_SESSION_KEY)
    return response.noContent()
  }
}
