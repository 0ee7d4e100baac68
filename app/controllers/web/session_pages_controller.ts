import type { HttpContext } from '@adonisjs/core/http'

export default class SessionPagesController {
  async login({ inertia, request }: HttpContext) {
    return inertia.render('auth/login', { workspace: request.input('workspace', null) })
  }
}
