/*
| Storage drivers contribute to `storage.drivers`. The `postgres` driver keeps
| bytes in content_blobs, one row per distinct checksum per tenant. Every read
| is checked against the checksum: a damaged or missing object is reported,
| never served.
*/
import { createHash } from 'node:crypto'
import type { TenantTransaction } from '#tenancy/with_tenant'

export interface StorageDriver {
  key: string
  put(trx: TenantTransaction, tenantId: string, bytes: Buffer, sha256: string): Promise<string>
  get(trx: TenantTransaction, storageKey: string): Promise<Buffer | null>
}

export class StoredObjectError extends Error {
  constructor(
    public reason: 'missing' | 'corrupted',
    storageKey: string
  ) {
    super(`Stored object ${storageKey} is ${reason}`)
  }
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

export const postgresStorage: StorageDriver = {
  key: 'postgres',
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
}

/** Reads an object and verifies it against the checksum recorded when it was stored. */
export async function readVerified(
  driver: StorageDriver,
  trx: TenantTransaction,
  storageKey: string,
  expectedSha256: string
) {
  const bytes = await driver.get(trx, storageKey)
  if (!bytes) throw new StoredObjectError('missing', storageKey)
  if (sha256Of(bytes) !== expectedSha256) throw new StoredObjectError('corrupted', storageKey)
  return bytes
}
