/*
| The contract of the content plugin's `storage.drivers` extension point
| (declared in ./extension_points.ts). A driver stores bytes
| under a key it returns (prefixed with its own name) and gives them back;
| the content plugin verifies every read against the recorded SHA-256.
| Uploaded files reach a driver as a file on disk (`putFile`), so a driver that
| can stream (S3) never holds a large upload in memory; small objects made in
| memory (thumbnails, edited text) come as a buffer (`put`).
*/
import { createHash } from 'node:crypto'
import type { TenantTransaction } from '#tenancy/with_tenant'

/** A file on disk to store, with its length and checksum already known. */
export interface StoredFile {
  path: string
  size: number
  sha256: string
}

export interface StorageDriver {
  key: string
  label: string
  /** False when the deployment lacks what the driver needs (e.g. no bucket configured). */
  available(): boolean
  /** Stores bytes made in memory (a thumbnail, an edited text); returns the key. */
  put(trx: TenantTransaction, tenantId: string, bytes: Buffer, sha256: string): Promise<string>
  /** Stores a file, reading it from disk as a stream where the backend allows; returns the key. */
  putFile(trx: TenantTransaction, tenantId: string, file: StoredFile): Promise<string>
  get(trx: TenantTransaction, storageKey: string): Promise<Buffer | null>
  /** Removes an object no version refers to any more. */
  delete(trx: TenantTransaction, storageKey: string): Promise<void>
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

/** The driver a stored key belongs to: the part before the first colon. */
export const driverOfKey = (storageKey: string) => storageKey.slice(0, storageKey.indexOf(':'))

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
