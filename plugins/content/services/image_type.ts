import sharp, { type Metadata } from 'sharp'
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

/** Longest piece of embedded text kept (a title or description, not a document). */
const MAX_EMBEDDED_TEXT = 2000

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(
          Number.parseInt(name.slice(name[1] === 'x' ? 2 : 1), name[1] === 'x' ? 16 : 10)
        )
      : (ENTITIES[name.toLowerCase()] ?? whole)
  )

/** The text of an XMP property: a simple value, or the first entry of its rdf:Alt/Seq/Bag. */
function xmpProperty(xmp: string, name: string) {
  const element = xmp.match(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`))
  const attribute = xmp.match(new RegExp(`\\s${name}="([^"]*)"`))
  const inner = element?.[1] ?? attribute?.[1]
  if (inner === undefined) return undefined
  const value = inner.match(/<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/)?.[1] ?? inner
  return unescapeXml(value.replace(/<[^>]+>/g, ' ')).trim() || undefined
}

/**
 * The words an image carries about itself: its title, description and alt text, from
 * XMP (dc:title, dc:description, IPTC's AltTextAccessibility) or PNG text blocks. Kept
 * in the item's metadata, they are indexed with its title and file name.
 */
function embeddedText(metadata: Metadata) {
  const xmp = metadata.xmpAsString ?? ''
  const png = (keyword: string) =>
    metadata.comments?.find((comment) => comment.keyword.toLowerCase() === keyword)?.text
  const found = {
    title: xmpProperty(xmp, 'dc:title') ?? png('title'),
    description: xmpProperty(xmp, 'dc:description') ?? png('description') ?? png('comment'),
    altText: xmpProperty(xmp, 'Iptc4xmpCore:AltTextAccessibility'),
  }
  return Object.fromEntries(
    Object.entries(found)
      .filter(([, text]) => text?.trim())
      .map(([key, text]) => [key, text!.trim().slice(0, MAX_EMBEDDED_TEXT)])
  )
}

/**
 * Images: their pixels hold no text to index; their size and format are kept, with a
 * 320px WebP thumbnail and the title, description and alt text they carry, which
 * ingestion indexes with the item's title and file name.
 */
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
    const metadata = await sharp(await imageInput(source)).metadata()
    const { width, height } = metadata
    return { width, height, format: await detect(source), ...embeddedText(metadata) }
  },
  thumbnail: async (source) =>
    sharp(await imageInput(source))
      .resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer(),
}
