/*
| What the console's "AI models" page and GET /connections show: the enabled
| providers, and every connection with its models (never a key).
*/
import type { HttpContext } from '@adonisjs/core/http'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { listConnections } from './connections.js'
import { modelsOfConnections } from './models.js'
import { providerCatalog, type ProviderCatalog } from './provider_catalog.js'
import { serializeConnection, serializeProvider } from './model_serializers.js'

export async function connectionsWithModels(trx: TenantTransaction, catalog: ProviderCatalog) {
  const connections = await listConnections(trx)
  const models = await modelsOfConnections(trx)
  return connections.map((connection) =>
    serializeConnection(
      connection,
      catalog,
      models.filter((model) => model.connection_id === connection.id)
    )
  )
}

/** The page's props (the console route already requires a tenant admin). */
export async function loadModelsConsole(ctx: HttpContext) {
  const { trx } = ctx.tenant
  const catalog = await providerCatalog(trx)
  return {
    providers: catalog.enabled.map(serializeProvider),
    connections: await connectionsWithModels(trx, catalog),
  }
}
