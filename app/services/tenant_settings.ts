import type Tenant from '#models/tenant'

export type TenantBranding = {
  logoUrl: string | null
  primaryColor: string | null
  accentColor: string | null
}

/** The console's branding from tenant.theme, with only safe values let through. */
export function tenantBranding(tenant: Tenant): TenantBranding {
  const theme = (tenant.theme ?? {}) as Record<string, unknown>
  const color = (value: unknown) =>
    typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value : null
  const url = (value: unknown) =>
    typeof value === 'string' && /^https:\/\/[^\s"'<>]+$/i.test(value) ? value : null
  return {
    logoUrl: url(theme.logoUrl),
    primaryColor: color(theme.primaryColor),
    accentColor: color(theme.accentColor),
  }
}
