import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Tenant from '#models/tenant'
import { serializeTenant } from '#transformers/serializers'

/** The platform operator's pages. */
export default class PlatformPagesController {
  async login({ inertia }: HttpContext) {
    return inertia.render('platform/login', {})
  }

  async tenants({ inertia }: HttpContext) {
    const { rows } = await db.rawQuery('select * from app_list_tenants()')
    const tenants = rows.map((row: Record<string, unknown>) =>
      Tenant.$createFromAdapterResult(row)!
    )
    return inertia.render('platform/tenants', { tenants: tenants.map(serializeTenant) })
  }
}
