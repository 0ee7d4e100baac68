import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import {
  consolePages,
  definePlugin,
  projectTabs,
  storageMeters,
  demoContent,
  paletteSources,
  PLUGIN_API_VERSION,
} from '#plugins_core/contract'
import { storedBytes } from './services/content_queries.js'
import { builtInContentTypes } from './services/content_types.js'
import { postgresStorage } from './services/storage.js'
import { hashingEmbeddingProvider } from './services/embeddings.js'
import { ingestionConsumer, type IngestionSettings } from './services/ingestion.js'
import { contentRoutes, searchRoutes } from './routes.js'
import { loadLibrary } from './services/library_view.js'
import { recentEvaluations } from './controllers/evaluations_controller.js'
import { seedDemoDocuments } from './services/demo_documents.js'
import { paletteDocuments } from './services/palette_documents.js'
import {
  CONTENT_EXTENSION_POINTS,
  contentTypes,
  contentRetrievals,
  embeddingProviders,
  storageDrivers,
} from './services/extension_points.js'
import { contentRetrieval } from './services/retrieval.js'

/**
 * Content: items of several types, versions, storage, chunking and search.
 * Types, storage drivers and embedding providers are extension points other
 * plugins add to (PDF and images, S3, neural embeddings).
 */
export default definePlugin({
  name: 'content',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  description:
    'Documents, code and files in projects: versions, tags, trash, storage, chunking and hybrid search.',
  capabilities: ['content', 'search', 'storage-driver', 'embedding-provider'],
  settings: vine.create(
    vine.object({
      chunkTokens: vine.number().withoutDecimals().range([64, 2000]),
      chunkOverlap: vine.number().withoutDecimals().range([0, 400]),
      embeddingProvider: vine.string().trim().minLength(1).maxLength(60),
    })
  ),
  // The embedding provider is one of those contributed to `embedding.providers`.
  settingsChoices: { embeddingProvider: embeddingProviders.name },
  defaultSettings: {
    chunkTokens: 300,
    chunkOverlap: 40,
    embeddingProvider: hashingEmbeddingProvider.key,
  },
  routes: contentRoutes,
  rootRoutes: searchRoutes,
  commands: [() => import('./commands/search_eval.js')],

  register({ declare }) {
    for (const point of CONTENT_EXTENSION_POINTS) declare(point)
  },

  boot({ contribute, subscribe, settings }) {
    for (const type of builtInContentTypes) contribute(contentTypes, type)
    contribute(storageDrivers, postgresStorage)
    contribute(embeddingProviders, hashingEmbeddingProvider)
    contribute(storageMeters, { storedBytes })
    contribute(demoContent, { seed: seedDemoDocuments })
    contribute(paletteSources, paletteDocuments)
    contribute(
      contentRetrievals,
      contentRetrieval(async (trx) => String((await settings(trx)).embeddingProvider))
    )
    contribute(consolePages, {
      slug: 'evaluations',
      title: 'Retrieval evaluation',
      component: 'plugins/content/evaluations',
      load: async (ctx: HttpContext) => ({ evaluations: await recentEvaluations(ctx.tenant.trx) }),
    })
    contribute(projectTabs, {
      slug: 'library',
      title: 'Content',
      component: 'plugins/content/library',
      load: loadLibrary,
    })
    subscribe(
      ingestionConsumer(async (trx) => (await settings(trx)) as unknown as IngestionSettings)
    )
  },
})
