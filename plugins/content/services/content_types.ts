/*
| Content types are contributed to the `content.types` extension point. Each
| declares its extensions, a size limit, how to check that bytes are what they
| claim, and how to get text out of them for indexing.
*/
import { pdfType } from './pdf_type.js'
import { imageType } from './image_type.js'
import { docxType } from './docx_type.js'
import { htmlType } from './html_type.js'
import type { ContentSource } from './content_source.js'

/**
 * Every method reads the content through a ContentSource: magic-byte checks ask
 * for `head(n)`, streaming readers (sharp) take `path`, and only a type that must
 * see every byte (to extract text) calls `readAll()` — after the size was checked
 * against `maxBytes`, so that read is bounded.
 */
export interface ContentTypeDefinition {
  key: string
  label: string
  extensions: string[]
  mimeType: string
  maxBytes: number
  /** How the chunker splits it. */
  structure: 'markdown' | 'text' | 'code'
  /** Why this content is not of this type, or null when it is. */
  sniff(source: ContentSource, filename?: string): Promise<string | null>
  /** The text that is versioned and indexed ('' when there is none, e.g. images). */
  extractText(source: ContentSource): Promise<string>
  /** When one type covers several formats (images). */
  mimeTypeOf?(source: ContentSource): Promise<string>
  /** Facts kept with the item (e.g. an image's size). */
  describe?(source: ContentSource): Promise<Record<string, unknown>>
  /** A small preview image. */
  thumbnail?(source: ContentSource): Promise<Buffer>
  /** False when the content cannot be edited as text (PDF, images). */
  editable: boolean
}

export const MB = 1024 * 1024

/**
 * The largest editable text (text and markdown): what the JSON create and edit
 * validators accept, so a text edited in the browser may be as large as an upload.
 */
export const MAX_TEXT_BYTES = 10 * MB

/** Strict UTF-8 with no NUL bytes: what every text-like type must be. */
function textProblem(bytes: Buffer): string | null {
  if (bytes.includes(0)) return 'the file contains binary data'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return null
  } catch {
    return 'the file is not valid UTF-8 text'
  }
}

const decode = (bytes: Buffer) => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')

// Text-like types must see every byte to check and extract the text, so they read the
// whole content (read once and shared by both); their limits keep that small.
const sniffText = async (source: ContentSource) => textProblem(await source.readAll())
const extractText = async (source: ContentSource) => decode(await source.readAll())

export const CODE_LANGUAGES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescript',
  js: 'javascript',
  mjs: 'javascript',
  jsx: 'javascript',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  cs: 'csharp',
  php: 'php',
  sh: 'bash',
  sql: 'sql',
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  vue: 'vue',
  css: 'css',
  html: 'html',
}

export const builtInContentTypes: ContentTypeDefinition[] = [
  {
    key: 'text',
    label: 'Plain text',
    extensions: ['txt', 'text', 'log', 'csv'],
    mimeType: 'text/plain',
    maxBytes: MAX_TEXT_BYTES,
    structure: 'text',
    sniff: sniffText,
    extractText,
    editable: true,
  },
  {
    key: 'markdown',
    label: 'Markdown',
    extensions: ['md', 'markdown'],
    mimeType: 'text/markdown',
    maxBytes: MAX_TEXT_BYTES,
    structure: 'markdown',
    sniff: sniffText,
    extractText,
    editable: true,
  },
  {
    key: 'code',
    label: 'Source code',
    // .html is a document (html_type.ts), read for its visible text, not kept as source.
    extensions: Object.keys(CODE_LANGUAGES).filter((ext) => !htmlType.extensions.includes(ext)),
    mimeType: 'text/plain',
    maxBytes: 5 * MB,
    structure: 'code',
    sniff: sniffText,
    extractText,
    editable: true,
  },
  pdfType,
  imageType,
  docxType,
  htmlType,
]

export function languageOf(filename: string | null | undefined) {
  const extension = filename?.split('.').pop()?.toLowerCase() ?? ''
  return CODE_LANGUAGES[extension] ?? null
}
