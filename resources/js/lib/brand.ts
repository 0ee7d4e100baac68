import { onMounted, watch } from 'vue'
import { usePage } from '@inertiajs/vue3'

/**
 * Keeps the tenant's brand colours (the server's stylesheet, app/services/brand_theme.ts)
 * in the page head. A full load already has them; a page reached by Inertia without one
 * (after signing in, or after an admin changes the colours) gets them here.
 */
export function useBrandStylesheet() {
  const page = usePage()
  onMounted(() => {
    watch(
      () => (page.props as { brandCss?: string | null }).brandCss ?? '',
      (css) => {
        let element = document.getElementById('cn-brand')
        if (!element) {
          element = document.createElement('style')
          element.id = 'cn-brand'
          document.head.append(element)
        }
        if (element.textContent !== css) element.textContent = css
      },
      { immediate: true }
    )
  })
}
