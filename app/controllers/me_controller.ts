import type { HttpContext } from '@adonisjs/core/http'
import { serializeUser } from '#transformers/serializers'

export default class MeController {
  async show({ tenant }: HttpContext) {
    return {
      user: serializeUser(tenant.user),
      tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug },
    }
  }
}
