import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'

/** The props every page gets from the server (app/middleware/inertia_middleware.ts). */
export interface NavProgram {
  id: string
  name: string
  projects: { id: string; name: string }[]
}

export interface SharedProps {
  auth: { id: string; fullName: string; email: string; role: string } | null
  tenant: {
    name: string
    slug: string
    branding: { logoUrl: string | null; primaryColor: string | null; accentColor: string | null }
  } | null
  navigation: NavProgram[]
  consoleLinks: { title: string; path: string }[]
  colorMode: 'light' | 'dark' | 'system'
}

export function useShared() {
  const page = usePage()
  const props = page.props as unknown as Partial<SharedProps>
  return {
    user: computed(() => (page.props as any).auth as SharedProps['auth'] | undefined ?? null),
    tenant: computed(() => (page.props as any).tenant as SharedProps['tenant'] | undefined ?? null),
    navigation: computed(() => ((page.props as any).navigation ?? []) as NavProgram[]),
    consoleLinks: computed(() => ((page.props as any).consoleLinks ?? []) as SharedProps['consoleLinks']),
    colorMode: computed(() => props.colorMode ?? 'system'),
    url: computed(() => page.url),
  }
}

/** Whether `href` is the page shown, or a page under it (`/admin` only matches itself). */
export function isCurrentPath(url: string, href: string, exact = false) {
  const path = url.split('?')[0]
  if (exact) return path === href
  return path === href || path.startsWith(`${href}/`)
}
