/*
| Where the bytes of new content come from: an uploaded file on disk (the body
| parser streams multipart uploads to a temporary file) or a small buffer (a
| text typed in the browser). Checks that need only part of the content ask for
| `head(n)`; readers that stream (sharp, the storage drivers) take `path`; only
| work that truly needs every byte in memory calls `readAll()`, so a large upload
| that needs none of that is never held whole in memory.
*/
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { sha256Of } from './storage_contract.js'

export interface ContentSource {
  /** Length in bytes. */
  readonly size: number
  /** SHA-256 of the whole content, hex. */
  readonly sha256: string
  /** The file holding the content, when there is one: readers that stream from disk use it. */
  readonly path?: string
  /** The first `n` bytes (fewer when the content is shorter): enough for magic-byte checks. */
  head(n: number): Promise<Buffer>
  /**
   * Every byte in memory, read once and kept. Only for work that needs the whole
   * content (text extraction); the caller has already checked the size against
   * the type's limit.
   */
  readAll(): Promise<Buffer>
}

/** A source backed by a file: what the storage drivers' `putFile` receives. */
export interface FileSource extends ContentSource {
  readonly path: string
}

export const isFileSource = (source: ContentSource): source is FileSource =>
  typeof source.path === 'string'

/** The file at `path`, its checksum computed by streaming it through the hash. */
export async function fileSource(path: string): Promise<FileSource> {
  const { size } = await stat(path)
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  const sha256 = hash.digest('hex')
  let whole: Promise<Buffer> | undefined
  return {
    path,
    size,
    sha256,
    async head(n) {
      const handle = await open(path, 'r')
      try {
        const buffer = Buffer.alloc(Math.min(n, size))
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
        return buffer.subarray(0, bytesRead)
      } finally {
        await handle.close()
      }
    },
    readAll: () => (whole ??= readFile(path)),
  }
}

/** Bytes already in memory (typed text, an edit, a small import). */
export function bufferSource(bytes: Buffer): ContentSource {
  const sha256 = sha256Of(bytes)
  return {
    size: bytes.length,
    sha256,
    head: async (n) => bytes.subarray(0, n),
    readAll: async () => bytes,
  }
}
