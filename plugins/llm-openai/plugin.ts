import { definePlugin, PLUGIN_API_VERSION } from '#plugins_core/contract'
import { llmProviders } from '#plugins/threads/services/extension_points'
import { openaiProvider } from './services/openai_provider.js'
import routes from './routes.js'

/**
 * Adds the `openai` provider to the threads plugin: OpenAI itself and every
 * server speaking its API (Ollama, vLLM, LM Studio, LiteLLM). An admin adds a
 * connection with the server's base URL and, where it needs one, an API key.
 */
export default definePlugin({
  name: 'llm-openai',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  requires: ['threads'],
  description:
    'Chat with OpenAI models, or with models you run yourself behind an OpenAI-compatible server (Ollama, vLLM, LM Studio, LiteLLM).',
  capabilities: ['llm-provider'],
  routes,

  boot({ contribute }) {
    contribute(llmProviders, openaiProvider)
  },
})
