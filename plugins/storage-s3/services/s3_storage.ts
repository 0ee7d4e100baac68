import { createReadStream } from 'node:fs'
import drive from '@adonisjs/drive/services/main'
import type { StorageDriver } from '#plugins/content/services/storage_contract'
import { afterCommit } from '#tenancy/with_tenant'

const objectPath = (storageKey: string) => storageKey.replace(/^s3:/, '')
const tenantPath = (tenantId: string, sha256: string) => `tenants/${tenantId}/${sha256}`

/**
 * The `s3` storage type: objects in an S3-compatible bucket (AWS S3, MinIO),
 * through @adonisjs/drive, one object per tenant and checksum.
 */
export const s3Storage: StorageDriver = {
  key: 's3',
  label: 'S3-compatible object storage (S3, MinIO)',
  // Read when asked: plugin manifests are imported before the app (and its env) boots.
  available: () => Boolean(process.env.S3_BUCKET),
  async put(_trx, tenantId, bytes, sha256) {
    const path = tenantPath(tenantId, sha256)
    const disk = drive.use('s3')
    if (!(await disk.exists(path))) await disk.put(path, new Uint8Array(bytes))
    return `s3:${path}`
  },
  // Streamed from disk to the bucket: an upload is never held whole in memory here.
  async putFile(_trx, tenantId, file) {
    const path = tenantPath(tenantId, file.sha256)
    const disk = drive.use('s3')
    if (!(await disk.exists(path))) {
      await disk.putStream(path, createReadStream(file.path), { contentLength: file.size })
    }
    return `s3:${path}`
  },
  async get(_trx, storageKey) {
    const disk = drive.use('s3')
    const path = objectPath(storageKey)
    if (!(await disk.exists(path))) return null
    return Buffer.from(await disk.getBytes(path))
  },
  // A bucket delete cannot be rolled back: it waits until the caller's transaction commits.
  async delete(trx, storageKey) {
    afterCommit(trx, () => drive.use('s3').delete(objectPath(storageKey)))
  },
}
