/*
| The `postgres` storage driver: bytes in content_blobs, one row per distinct
| checksum per tenant.
*/
import { readFile } from 'node:fs/promises'
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { StorageDriver } from './storage_contract.js'

async function insertBlob(trx: TenantTransaction, tenantId: string, bytes: Buffer, sha256: string) {
  await trx.rawQuery(
    `insert into content_blobs (tenant_id, sha256, size_bytes, bytes) values (?, ?, ?, ?)
     on conflict (tenant_id, sha256) do nothing`,
    [tenantId, sha256, bytes.length, bytes]
  )
  return `postgres:${sha256}`
}

export const postgresStorage: StorageDriver = {
  key: 'postgres',
  label: 'PostgreSQL (in the database)',
  available: () => true,
  put: insertBlob,
  // A bytea value is sent to PostgreSQL whole in one bind parameter, so this driver
  // reads the file into memory: inherent to keeping files in the database (bounded
  // by the type's upload limit). Large files belong in a streaming driver (S3).
  async putFile(trx, tenantId, file) {
    const exists = await trx
      .from('content_blobs')
      .where('sha256', file.sha256)
      .select('sha256')
      .first()
    if (exists) return `postgres:${file.sha256}`
    return insertBlob(trx, tenantId, await readFile(file.path), file.sha256)
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
