import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { llmProviders } from './extension_points.js'
import type { LlmProvider } from './llm_contract.js'

/**
 * The LLM providers the tenant of `trx` may use: those contributed by plugins
 * it has enabled. A tenant that disabled `llm-anthropic` cannot create an
 * Anthropic connection, list its models or generate with them. `installed`
 * still names every provider, so a connection whose plugin was disabled is
 * shown with its vendor's label instead of a bare key.
 */
export async function providerCatalog(trx: TenantTransaction) {
  const registry = await app.container.make(PluginRegistry)
  const enabled = (await registry.contributions(llmProviders, { tenant: trx })).map(
    ({ value }) => value
  )
  const all = registry.contributions(llmProviders).map(({ value }) => value)
  return {
    enabled,
    /** An enabled provider by key. */
    find: (key: string): LlmProvider | undefined =>
      enabled.find((provider) => provider.key === key),
    /** The label of any installed provider, or the key itself when none has it. */
    labelOf: (key: string) => all.find((provider) => provider.key === key)?.label ?? key,
  }
}

export type ProviderCatalog = Awaited<ReturnType<typeof providerCatalog>>
