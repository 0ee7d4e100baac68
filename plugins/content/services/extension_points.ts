/*
| The extension points the content plugin owns and declares in its register
| hook. Other plugins import these tokens and `api.contribute(storageDrivers,
| driver)`; TypeScript checks the contribution's type, the registry its shape.
*/
import { defineExtensionPoint } from '#plugins_core/contract'
import type { ContentTypeDefinition } from './content_types.js'
import type { EmbeddingProvider } from './embeddings.js'
import type { StorageDriver } from './storage_contract.js'

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

export const CONTENT_EXTENSION_POINTS = [contentTypes, storageDrivers, embeddingProviders]

declare module '#plugins_core/contract' {
  interface ExtensionPointTypes {
    'content.types': ContentTypeDefinition
    'storage.drivers': StorageDriver
    'embedding.providers': EmbeddingProvider
  }
}
