import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    vue(),
    adonisjs({
      entryPoints: ['resources/js/app.ts'],
      serverEntryPoints: ['resources/js/ssr.ts'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
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
