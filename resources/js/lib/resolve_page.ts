import type { DefineComponent } from 'vue'

type Pages = Record<string, DefineComponent | (() => Promise<DefineComponent>)>

/**
 * Core pages live in resources/js/pages; a plugin's pages in plugins/<name>/pages
 * and are named "plugins/<name>/<page>".
 */
export async function resolvePage(name: string, core: Pages, plugins: Pages): Promise<DefineComponent> {
  const match = name.match(/^plugins\/([a-z0-9-]+)\/(.+)$/)
  const path = match ? `../../plugins/${match[1]}/pages/${match[2]}.vue` : `./pages/${name}.vue`
  const page = (match ? plugins : core)[path]
  if (!page) throw new Error(`Page not found: ${name}`)
  const loaded = typeof page === 'function' ? await (page as () => Promise<any>)() : page
  return (loaded as any).default ?? loaded
}
