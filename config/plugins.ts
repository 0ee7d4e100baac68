/*
| The installed plugins: folders under plugins/ and npm packages alike. Order does
| not matter; each plugin is loaded after the plugins it requires. A tenant admin
| enables or disables each one per tenant.
*/
import { definePluginsConfig } from '#plugins_core/contract'

export default definePluginsConfig({
  plugins: [
    { path: 'plugins/content' },
    { path: 'plugins/storage-s3' },
    { path: 'plugins/threads' },
    { path: 'plugins/llm-openai' },
    { path: 'plugins/llm-anthropic' },
    /* The contract-test plugin, packaged like a third-party npm package. */
    ...(process.env.NODE_ENV === 'test' ? [{ package: 'contextnexus-plugin-sample' }] : []),
  ],
})
