import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator } from '#validators/auth'
import { verifyCredentials } from '#services/credentials'
import { serializeUser } from '#transformers/serializers'

/** Browser sign-in: a session cookie scoped to the tenant chosen at login. */
export default class SessionController {
  async store({ request, auth }: HttpContext) {
    const { workspace, email, password } = await request.validateUsing(loginValidator)
    const user = await verifyCredentials(workspace, email, password, request.ip())
    await auth.use('web').login(user)
    return { user: serializeUser(user) }
  }

  async destroy({ auth, response }: HttpContext) {
    await auth.use('web').logout()
    return response.noContent()
  }
}
