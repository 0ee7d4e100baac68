import { imageSize } from 'image-size'
import sharp from 'sharp'
import type { ContentTypeDefinition } from './content_types.js'

const FORMATS: Record<string, { mime: string; extensions: string[] }> = {
  png: { mime: 'image/png', extensions: ['png'] },
  jpg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { mime: 'image/gif', extensions: ['gif'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
}

function detect(bytes: Buffer) {
  try {
    const size = imageSize(new Uint8Array(bytes))
    return size.type && FORMATS[size.type] ? { ...size, format: size.type } : null
  } catch {
    return null
  }
}

/** Decodes every pixel (sharp's default `failOn: 'warning'`, as the thumbnail uses); throws when damaged. */
async function decodeFully(bytes: Buffer) {
  await sharp(bytes).stats()
}

/** Images: no text to index, but their size and format are kept, with a 320px WebP thumbnail. */
export const imageType: ContentTypeDefinition = {
  key: 'image',
  label: 'Image',
  extensions: Object.values(FORMATS).flatMap((format) => format.extensions),
  mimeType: 'application/octet-stream',
  maxBytes: 20 * 1024 * 1024,
  structure: 'text',
  editable: false,
  sniff(bytes, filename) {
    const found = detect(bytes)
    if (!found) return 'it is not a PNG, JPEG, GIF or WebP image'
    const extension = filename?.split('.').pop()?.toLowerCase()
    if (extension && !FORMATS[found.format].extensions.includes(extension)) {
      return `its bytes are ${found.format.toUpperCase()}, not .${extension}`
    }
    return null
  },
  // No text, but the whole image is decoded here: a file whose header passes the
  // magic-byte check and whose pixels are damaged is refused (422) before anything is
  // stored, instead of failing later, in the thumbnail, as a 500.
  async extractText(bytes) {
    await decodeFully(bytes)
    return ''
  },
  mimeTypeOf: (bytes) => FORMATS[detect(bytes)!.format].mime,
  async describe(bytes) {
    const found = detect(bytes)!
    return { width: found.width, height: found.height, format: found.format }
  },
  thumbnail: (bytes) =>
    sharp(bytes)
      .resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer(),
}
