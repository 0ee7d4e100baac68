/*
| The extension points the content plugin owns and declares in its register
| hook. Other plugins import these tokens and `api.contribute(storageDrivers,
| driver)`; TypeScript checks the contribution's type, the registry its shape.
*/
import { defineExtensionPoint } from '#plugins_core/contract'
import type { ContentTypeDefinition } from './content_types.js'
import type { EmbeddingProvider } from './embeddings.js'
import type { StorageDriver } from './storage_contract.js'
import type { ContentRetrieval } from './retrieval.js'

const KEY = /^[a-z0-9][a-z0-9-]*$/
const keyProblem = (contribution: { key: string }) =>
  KEY.test(contribution.key)
    ? undefined
    : `key "${contribution.key}" must be lower-case letters, digits and dashes`

export const contentTypes = defineExtensionPoint<ContentTypeDefinition>(
  'content.types',
  {
    key: 'string',
    label: 'string',
    extensions: 'array',
    mimeType: 'string',
    maxBytes: 'number',
    structure: 'string',
    sniff: 'function',
    extractText: 'function',
    editable: 'boolean',
    mimeTypeOf: 'function?',
    describe: 'function?',
    thumbnail: 'function?',
  },
  keyProblem
)

export const storageDrivers = defineExtensionPoint<StorageDriver>(
  'storage.drivers',
  {
    key: 'string',
    label: 'string',
    available: 'function',
    put: 'function',
    putFile: 'function',
    get: 'function',
    delete: 'function',
  },
  keyProblem
)

export const embeddingProviders = defineExtensionPoint<EmbeddingProvider>(
  'embedding.providers',
  { key: 'string', label: 'string', dimensions: 'number', embed: 'function' },
  keyProblem
)

/**
 * How other plugins read the library for a model's context. The content plugin
 * contributes the one implementation; a consumer (threads) requires `content`
 * and reads `contributions(contentRetrieval)`, never the tables themselves.
 */
export const contentRetrievals = defineExtensionPoint<ContentRetrieval>('content.retrieval', {
  retrieve: 'function',
  chunksOfItems: 'function',
  chunksById: 'function',
  items: 'function',
  itemsTagged: 'function',
  tagOf: 'function',
})

export const CONTENT_EXTENSION_POINTS = [
  contentTypes,
  storageDrivers,
  embeddingProviders,
  contentRetrievals,
]

declare module '#plugins_core/contract' {
  interface ExtensionPointTypes {
    'content.types': ContentTypeDefinition
    'storage.drivers': StorageDriver
    'embedding.providers': EmbeddingProvider
    'content.retrieval': ContentRetrieval
  }
}
