import type Tenant from '#models/tenant'
import type User from '#models/user'
import type { TenantTransaction } from '#tenancy/with_tenant'

/** What an authenticated request knows about its tenant; `trx` is bound to it. */
export interface TenantContext {
  id: string
  name: string
  slug: string
  model: Tenant
  user: User
  trx: TenantTransaction
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    tenant: TenantContext
    /** A plugin's settings for this tenant, defaults filled in. */
    pluginSettings: (pluginName: string) => Promise<Record<string, unknown>>
  }
}
