import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { contentTypes, embeddingProviders, storageDrivers } from './extension_points.js'
import { driverOfKey } from './storage_contract.js'

const values = <T>(contributions: { value: T }[]) => contributions.map(({ value }) => value)

/**
 * The content types, storage drivers and embedding providers of the plugins
 * the tenant of `trx` has enabled: a tenant that disabled `storage-s3` cannot
 * choose or write to S3.
 */
export async function contentCatalog(trx: TenantTransaction) {
  const registry = await app.container.make(PluginRegistry)
  const scope = { tenant: trx }
  const types = values(await registry.contributions(contentTypes, scope))
  const drivers = values(await registry.contributions(storageDrivers, scope))
  const embedders = values(await registry.contributions(embeddingProviders, scope))
  // Objects stored before a tenant disabled their driver stay readable and removable.
  const installedDrivers = values(registry.contributions(storageDrivers))
  return {
    types,
    drivers,
    type: (key: string) => types.find((type) => type.key === key),
    typeForFilename(filename: string) {
      const extension = filename.split('.').pop()?.toLowerCase() ?? ''
      return types.find((type) => type.extensions.includes(extension))
    },
    /** An enabled driver new objects may be written to. */
    storage: (key: string) => drivers.find((driver) => driver.key === key),
    /** The installed driver holding an object already stored (for reads and deletes). */
    storedIn: (storageKey: string) =>
      installedDrivers.find((driver) => driver.key === driverOfKey(storageKey)),
    embedder: (key: string) => embedders.find((provider) => provider.key === key) ?? embedders[0],
  }
}
