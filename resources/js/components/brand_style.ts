import { computed } from 'vue'
import { usePage } from '@inertiajs/vue3'

interface Branding {
  logoUrl: string | null
  primaryColor: string | null
  accentColor: string | null
}

/** The tenant's colours as CSS variables on the layout root. */
export function useBranding() {
  const page = usePage()
  const tenant = computed(
    () => page.props.tenant as { name: string; slug: string; branding: Branding } | null
  )
  const style = computed(() => {
    const branding = tenant.value?.branding
    const vars: Record<string, string> = {}
    if (branding?.primaryColor) {
      vars['--pico-primary'] = branding.primaryColor
      vars['--pico-primary-background'] = branding.primaryColor
      vars['--pico-primary-border'] = branding.primaryColor
      vars['--pico-primary-underline'] = branding.primaryColor
    }
    if (branding?.accentColor) vars['--pico-primary-hover-background'] = branding.accentColor
    return vars
  })
  return { tenant, style }
}
