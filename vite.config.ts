import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import ui from '@nuxt/ui/vite'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    vue(),
    adonisjs({
      entryPoints: ['resources/js/app.ts'],
      serverEntryPoints: ['resources/js/ssr.ts'],
      reload: ['resources/views/**/*.edge'],
    }),
    // Nuxt UI (Reka UI + Tailwind 4). Links go through Inertia; the colour mode is ours
    // (a cookie the server reads, so the first paint is already in the right theme); the
    // icons a page names are bundled from the local @iconify-json collection, so nothing is
    // fetched from the internet at run time.
    ui({
      router: 'inertia',
      colorMode: false,
      icon: {
        clientBundle: {
          scan: { globInclude: ['resources/js/**/*.{vue,ts}', 'plugins/*/pages/**/*.{vue,ts}'] },
        },
      },
      ui: {
        colors: {
          primary: 'blue',
          secondary: 'indigo',
          success: 'green',
          info: 'sky',
          warning: 'amber',
          error: 'red',
          neutral: 'slate',
        },
      },
      components: { dts: 'resources/js/types/components.d.ts' },
      autoImport: { dts: 'resources/js/types/auto-imports.d.ts' },
    }),
  ],
  // Parallel test runs on one checkout each keep their own pre-bundled dependencies.
  cacheDir: process.env.VITE_CACHE_DIR ?? 'node_modules/.vite',
  resolve: {
    alias: { '~/': `${import.meta.dirname}/resources/js/` },
  },
  // Scan every page up front, so a page opened later never makes Vite re-bundle
  // dependencies and reload the browser.
  optimizeDeps: {
    entries: ['resources/js/app.ts', 'resources/js/pages/**/*.vue', 'plugins/*/pages/**/*.vue'],
  },
  server: {
    watch: { ignored: ['**/storage/**', '**/tmp/**', '**/.tools/**'] },
  },
})
