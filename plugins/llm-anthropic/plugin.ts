import { definePlugin, PLUGIN_API_VERSION } from '#plugins_core/contract'
import { llmProviders } from '#plugins/threads/services/extension_points'
import { anthropicProvider } from './services/anthropic_provider.js'
import routes from './routes.js'

/**
 * Adds the `anthropic` provider (Claude) to the threads plugin. An admin adds a
 * connection with an Anthropic API key; the base URL defaults to Anthropic's.
 */
export default definePlugin({
  name: 'llm-anthropic',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  requires: ['threads'],
  description: 'Chat with Anthropic’s Claude models using your organization’s Anthropic API key.',
  capabilities: ['llm-provider'],
  routes,

  boot({ contribute }) {
    contribute(llmProviders, anthropicProvider)
  },
})
