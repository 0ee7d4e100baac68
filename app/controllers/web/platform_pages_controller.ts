import type { HttpContext } from '@adonisjs/core/http'
import { listTenants } from '#services/tenant_onboarding'
import { serializeTenant } from '#transformers/serializers'

/** The platform operator's pages. */
export default class PlatformPagesController {
  async login({ inertia }: HttpContext) {
    return inertia.render('platform/login', {})
  }

  async tenants({ inertia }: HttpContext) {
    const tenants = await listTenants()
    return inertia.render('platform/tenants', { tenants: tenants.map(serializeTenant) })
  }
}
