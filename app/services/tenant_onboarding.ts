import { randomUUID } from 'node:crypto'
import hash from '@adonisjs/core/services/hash'
import Tenant from '#models/tenant'
import User from '#models/user'
import db from '@adonisjs/lucid/services/db'
import { bindTenant, resolveTenantKey, withTenant } from '#tenancy/with_tenant'
import { recordAudit } from '#services/audit'
import { appendEvent } from '#events/outbox'
import { UnprocessableError } from '#exceptions/domain_errors'

export interface NewTenant {
  name: string
  slug: string
  domain?: string
  maxUsers?: number
  admin: { email: string; fullName: string; password: string }
}

/**
 * Creates a tenant and its first admin in one transaction bound to the new
 * tenant, so row-level security applies from the first row on.
 */
export async function createTenant(input: NewTenant) {
  for (const [field, key] of [
    ['slug', input.slug],
    ['domain', input.domain],
  ] as const) {
    if (key && (await resolveTenantKey(key))) {
      throw new UnprocessableError([
        { field, message: `A workspace with this ${field} already exists` },
      ])
    }
  }

  const tenantId = randomUUID()
  return withTenant(tenantId, async (trx) => {
    const tenant = await Tenant.create(
      {
        id: tenantId,
        name: input.name,
        slug: input.slug,
        domain: input.domain ?? null,
        maxUsers: input.maxUsers ?? 50,
        isActive: true,
      },
      { client: trx }
    )
    const admin = await User.create(
      {
        tenantId,
        email: input.admin.email,
        fullName: input.admin.fullName,
        password: await hash.make(input.admin.password),
        role: 'admin',
        isActive: true,
      },
      { client: trx }
    )
    const actor = { tenantId, actorId: null, actorType: 'operator' as const }
    await recordAudit(trx, actor, {
      action: 'tenant.created',
      subjectType: 'tenant',
      subjectId: tenantId,
      details: { slug: tenant.slug, admin: admin.email },
    })
    await appendEvent(trx, {
      tenantId,
      type: 'tenant.created',
      aggregateType: 'tenant',
      aggregateId: tenantId,
      payload: { name: tenant.name, slug: tenant.slug },
    })
    await appendEvent(trx, {
      tenantId,
      type: 'user.created',
      aggregateType: 'user',
      aggregateId: admin.id,
      payload: { email: admin.email, role: admin.role },
    })
    return { tenant, admin }
  })
}

/**
 * Activates or deactivates a tenant; a deactivated tenant's users can no longer sign in.
 * The runtime role may not update `is_active` itself (0007_security_definer_grants):
 * the platform function does, before the transaction is bound to the tenant.
 */
export async function setTenantActive(tenantId: string, isActive: boolean) {
  return db.transaction(async (trx) => {
    const { rows } = await trx.rawQuery('select app_platform_set_tenant_active(?, ?) as found', [
      tenantId,
      isActive,
    ])
    if (!rows[0].found) return null
    await bindTenant(trx, tenantId)
    const tenant = await Tenant.query({ client: trx }).where('id', tenantId).firstOrFail()
    await recordAudit(
      trx,
      { tenantId, actorId: null, actorType: 'operator' },
      {
        action: isActive ? 'tenant.activated' : 'tenant.deactivated',
        subjectType: 'tenant',
        subjectId: tenantId,
      }
    )
    return tenant
  })
}

/**
 * Every tenant, for the platform operator. Row-level security hides other tenants from the
 * runtime role, so the security-definer `app_list_tenants()` reads them; without a page,
 * all of them (`limit null` is no limit in PostgreSQL).
 */
export async function listTenants(page?: { page: number; perPage: number }) {
  const { rows } = await db.rawQuery('select * from app_list_tenants() limit ? offset ?', [
    page?.perPage ?? null,
    page ? (page.page - 1) * page.perPage : 0,
  ])
  return (rows as Record<string, unknown>[]).map((row) => Tenant.$createFromAdapterResult(row)!)
}

/** How many tenants there are, for the operator's paging. */
export async function countTenants(): Promise<number> {
  const { rows } = await db.rawQuery('select count(*)::int as total from app_list_tenants()')
  return rows[0].total
}
