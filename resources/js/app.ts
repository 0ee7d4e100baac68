import '../css/app.css'
import { createInertiaApp } from '@inertiajs/vue3'
import ui from '@nuxt/ui/vue-plugin'
import { createSSRApp, h, type DefineComponent } from 'vue'
import { resolvePage } from '~/lib/resolve_page'

createInertiaApp({
  title: (title) => (title ? `${title} · ContextNexus` : 'ContextNexus'),
  resolve: (name) =>
    resolvePage(
      name,
      import.meta.glob<DefineComponent>('./pages/**/*.vue'),
      import.meta.glob<DefineComponent>('../../plugins/*/pages/**/*.vue')
    ),
  setup({ el, App, props, plugin }) {
    // The server already rendered this HTML: hydrate it instead of re-rendering.
    createSSRApp({ render: () => h(App, props) })
      .use(plugin)
      .use(ui)
      .mount(el)
    // Interactive from here on: browser tests wait for this before they click.
    document.documentElement.dataset.hydrated = 'true'
  },
  progress: { color: 'var(--ui-primary)' },
  // The response's CSP nonce (config/shield.ts), for the style the progress bar injects.
  nonce: document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce,
})
