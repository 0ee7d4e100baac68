import { createInertiaApp } from '@inertiajs/vue3'
import ui from '@nuxt/ui/vue-plugin'
import { renderToString } from 'vue/server-renderer'
import { createSSRApp, h, type DefineComponent } from 'vue'
import { resolvePage } from '~/lib/resolve_page'

/** Renders a page to HTML on the server; the browser then hydrates it (app.ts). */
export default function render(page: any) {
  return createInertiaApp({
    page,
    render: renderToString,
    title: (title) => (title ? `${title} · ContextNexus` : 'ContextNexus'),
    resolve: (name) =>
      resolvePage(
        name,
        import.meta.glob<DefineComponent>('./pages/**/*.vue', { eager: true }),
        import.meta.glob<DefineComponent>('../../plugins/*/pages/**/*.vue', { eager: true })
      ),
    setup({ App, props, plugin }) {
      return createSSRApp({ render: () => h(App, props) })
        .use(plugin)
        .use(ui)
    },
  })
}
