import { defineConfig } from '@adonisjs/inertia'

/* Pages render on the server (SSR) and hydrate in the browser. */
const inertiaConfig = defineConfig({
  rootView: 'inertia_layout',
  encryptHistory: true,
  ssr: {
    enabled: true,
    entrypoint: 'resources/js/ssr.ts',
  },
})

export default inertiaConfig
