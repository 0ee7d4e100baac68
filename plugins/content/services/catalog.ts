import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import type { ContentTypeDefinition } from './content_types.js'
import type { StorageDriver } from '#storage/contract'
import type { EmbeddingProvider } from './embeddings.js'

/** The content types, storage drivers and embedding providers plugins contributed. */
export async function contentCatalog() {
  const registry = await app.container.make(PluginRegistry)
  const types = registry.contributions<ContentTypeDefinition>('content.types')
  const drivers = registry.contributions<StorageDriver>('storage.drivers')
  const embedders = registry.contributions<EmbeddingProvider>('embedding.providers')
  return {
    types,
    drivers,
    type: (key: string) => types.find((type) => type.key === key),
    typeForFilename(filename: string) {
      const extension = filename.split('.').pop()?.toLowerCase() ?? ''
      return types.find((type) => type.extensions.includes(extension))
    },
    storage: (key: string) => drivers.find((driver) => driver.key === key),
    embedder: (key: string) => embedders.find((provider) => provider.key === key) ?? embedders[0],
  }
}
