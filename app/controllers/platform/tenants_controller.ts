import type { HttpContext } from '@adonisjs/core/http'
import { createTenantValidator } from '#validators/platform'
import {
  countTenants,
  createTenant,
  listTenants,
  setTenantActive,
} from '#services/tenant_onboarding'
import { serializeTenant, serializeUser } from '#transformers/serializers'
import { NotFoundError } from '#exceptions/domain_errors'

/** The platform operator's view: every tenant. */
export default class TenantsController {
  async index({ request }: HttpContext) {
    const page = Math.max(Number(request.input('page', 1)) || 1, 1)
    const perPage = Math.min(Math.max(Number(request.input('perPage', 50)) || 50, 1), 200)
    const tenants = await listTenants({ page, perPage })
    return {
      data: tenants.map(serializeTenant),
      meta: { total: await countTenants(), perPage, currentPage: page },
    }
  }

  async store({ request, response }: HttpContext) {
    const input = await request.validateUsing(createTenantValidator)
    const { tenant, admin } = await createTenant(input)
    return response.created({ data: { ...serializeTenant(tenant), admin: serializeUser(admin) } })
  }

  async deactivate({ params }: HttpContext) {
    return this.#setActive(params.id, false)
  }

  async activate({ params }: HttpContext) {
    return this.#setActive(params.id, true)
  }

  async #setActive(id: string, isActive: boolean) {
    const tenant = await setTenantActive(id, isActive)
    if (!tenant) throw new NotFoundError('Tenant not found')
    return { data: serializeTenant(tenant) }
  }
}
