import sharp from 'sharp'
import type { ContentTypeDefinition } from './content_types.js'
import type { ContentSource } from './content_source.js'

/** The formats accepted, each recognised by the magic bytes its files start with. */
const FORMATS: Record<
  string,
  { mime: string; extensions: string[]; matches: (head: Buffer) => boolean }
> = {
  png: {
    mime: 'image/png',
    extensions: ['png'],
    matches: (head) => head.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  },
  jpg: {
    mime: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    matches: (head) => head.subarray(0, 3).equals(Buffer.from('ffd8ff', 'hex')),
  },
  gif: {
    mime: 'image/gif',
    extensions: ['gif'],
    matches: (head) => /^GIF8[79]a$/.test(head.subarray(0, 6).toString('latin1')),
  },
  webp: {
    mime: 'image/webp',
    extensions: ['webp'],
    matches: (head) =>
      head.subarray(0, 4).toString('latin1') === 'RIFF' &&
      head.subarray(8, 12).toString('latin1') === 'WEBP',
  },
}

/** The format the first bytes announce, or null. */
async function detect(source: ContentSource) {
  const head = await source.head(12)
  return Object.keys(FORMATS).find((format) => FORMATS[format].matches(head)) ?? null
}

/**
 * What sharp reads: the file itself when there is one — libvips reads it from disk,
 * so a large upload is never copied into a JS Buffer — else the bytes in memory.
 */
const imageInput = async (source: ContentSource) => source.path ?? (await source.readAll())

/** Images: no text to index, but their size and format are kept, with a 320px WebP thumbnail. */
export const imageType: ContentTypeDefinition = {
  key: 'image',
  label: 'Image',
  extensions: Object.values(FORMATS).flatMap((format) => format.extensions),
  mimeType: 'application/octet-stream',
  maxBytes: 20 * 1024 * 1024,
  structure: 'text',
  editable: false,
  async sniff(source, filename) {
    const format = await detect(source)
    if (!format) return 'it is not a PNG, JPEG, GIF or WebP image'
    const extension = filename?.split('.').pop()?.toLowerCase()
    if (extension && !FORMATS[format].extensions.includes(extension)) {
      return `its bytes are ${format.toUpperCase()}, not .${extension}`
    }
    return null
  },
  // No text, but the whole image is decoded here (sharp's default `failOn: 'warning'`,
  // as the thumbnail uses): a file whose header passes the magic-byte check and whose
  // pixels are damaged is refused (422) before anything is stored, instead of failing
  // later, in the thumbnail, as a 500.
  async extractText(source) {
    await sharp(await imageInput(source)).stats()
    return ''
  },
  mimeTypeOf: async (source) => FORMATS[(await detect(source))!].mime,
  async describe(source) {
    const { width, height } = await sharp(await imageInput(source)).metadata()
    return { width, height, format: await detect(source) }
  },
  thumbnail: async (source) =>
    sharp(await imageInput(source))
      .resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer(),
}
