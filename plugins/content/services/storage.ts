/*
| The `postgres` storage driver: bytes in content_blobs, one row per distinct
| checksum per tenant.
*/
import type { StorageDriver } from './storage_contract.js'

export const postgresStorage: StorageDriver = {
  key: 'postgres',
  label: 'PostgreSQL (in the database)',
  available: () => true,
  async put(trx, tenantId, bytes, sha256) {
    await trx.rawQuery(
      `insert into content_blobs (tenant_id, sha256, size_bytes, bytes) values (?, ?, ?, ?)
       on conflict (tenant_id, sha256) do nothing`,
      [tenantId, sha256, bytes.length, bytes]
    )
    return `postgres:${sha256}`
  },
  async get(trx, storageKey) {
    const sha256 = storageKey.replace(/^postgres:/, '')
    const row = await trx.from('content_blobs').where('sha256', sha256).select('bytes').first()
    return row ? (row.bytes as Buffer) : null
  },
  async delete(trx, storageKey) {
    await trx
      .from('content_blobs')
      .where('sha256', storageKey.replace(/^postgres:/, ''))
      .delete()
  },
}
