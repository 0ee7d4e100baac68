import { Bouncer } from '@adonisjs/bouncer'
import * as abilities from '#abilities/main'
import type User from '#models/user'
import type Tenant from '#models/tenant'
import type { TenantContext } from '#tenancy/tenant_context'
import type { TenantTransaction } from '#tenancy/with_tenant'

/**
 * What a domain operation needs from its caller: the tenant (with its
 * transaction), authorization, and — over HTTP — the request for the audit
 * trail. An HttpContext is one; commands build one with `actionContextFor`.
 */
export interface ActionContext {
  tenant: TenantContext
  bouncer: { authorize(ability: any, ...args: any[]): Promise<void> }
  request?: { ip(): string; header(name: string): string | undefined | null }
}

/** An action context for work outside HTTP (commands, workers), acting as `user`. */
export function actionContextFor(
  tenant: Tenant,
  user: User,
  trx: TenantTransaction
): ActionContext {
  const bouncer = new Bouncer(user, abilities)
  return {
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, model: tenant, user, trx },
    bouncer: { authorize: (ability: any, ...args: any[]) => bouncer.authorize(ability, ...args) },
  }
}
