import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'
import env from '#start/env'

/**
 * An S3-compatible server (s3rver) on loopback at S3_ENDPOINT, with the
 * S3_BUCKET bucket, keeping its objects in a fresh temporary folder. Returns
 * the teardown, so a group can `return startS3Server()` from its setup.
 */
export async function startS3Server() {
  const directory = await mkdtemp(join(tmpdir(), 'cnx-s3-'))
  const server = new S3rver({
    port: Number(new URL(env.get('S3_ENDPOINT')!).port),
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: env.get('S3_BUCKET')!, configs: [] }],
  })
  await server.run()
  return async () => {
    await server.close()
    await rm(directory, { recursive: true, force: true })
  }
}
