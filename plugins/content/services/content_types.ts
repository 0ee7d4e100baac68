/*
| Content types are contributed to the `content.types` extension point. Each
| declares its extensions, a size limit, how to check that bytes are what they
| claim, and how to get text out of them for indexing.
*/
import { pdfType } from './pdf_type.js'
import { imageType } from './image_type.js'

export interface ContentTypeDefinition {
  key: string
  label: string
  extensions: string[]
  mimeType: string
  maxBytes: number
  /** How the chunker splits it. */
  structure: 'markdown' | 'text' | 'code'
  /** Why these bytes are not of this type, or null when they are. */
  sniff(bytes: Buffer, filename?: string): string | null
  /** The text that is versioned and indexed ('' when there is none, e.g. images). */
  extractText(bytes: Buffer): string | Promise<string>
  /** When one type covers several formats (images). */
  mimeTypeOf?(bytes: Buffer): string
  /** Facts kept with the item (e.g. an image's size). */
  describe?(bytes: Buffer): Promise<Record<string, unknown>>
  /** A small preview image. */
  thumbnail?(bytes: Buffer): Promise<Buffer>
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
    sniff: textProblem,
    extractText: decode,
    editable: true,
  },
  {
    key: 'markdown',
    label: 'Markdown',
    extensions: ['md', 'markdown'],
    mimeType: 'text/markdown',
    maxBytes: MAX_TEXT_BYTES,
    structure: 'markdown',
    sniff: textProblem,
    extractText: decode,
    editable: true,
  },
  {
    key: 'code',
    label: 'Source code',
    extensions: Object.keys(CODE_LANGUAGES),
    mimeType: 'text/plain',
    maxBytes: 5 * MB,
    structure: 'code',
    sniff: textProblem,
    extractText: decode,
    editable: true,
  },
  pdfType,
  imageType,
]

export function languageOf(filename: string | null | undefined) {
  const extension = filename?.split('.').pop()?.toLowerCase() ?? ''
  return CODE_LANGUAGES[extension] ?? null
}
