/*
| The extension point the threads plugin owns: LLM providers. Provider plugins
| (llm-openai, llm-anthropic) import `llmProviders` and contribute one
| LlmProvider; a tenant's connections name the provider by its key.
*/
import { defineExtensionPoint } from '#plugins_core/contract'
import type { LlmProvider } from './llm_contract.js'

const KEY = /^[a-z0-9][a-z0-9-]*$/

export const llmProviders = defineExtensionPoint<LlmProvider>(
  'llm.providers',
  {
    key: 'string',
    label: 'string',
    needsApiKey: 'boolean',
    listModels: 'function',
    countTokens: 'function',
    stream: 'function',
    embed: 'function?',
  },
  (provider) =>
    KEY.test(provider.key)
      ? undefined
      : `key "${provider.key}" must be lower-case letters, digits and dashes`
)

declare module '#plugins_core/contract' {
  interface ExtensionPointTypes {
    'llm.providers': LlmProvider
  }
}
