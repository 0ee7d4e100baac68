/*
| Splits a text into chunks on its structure — headings, paragraphs, fenced
| code blocks (markdown); paragraphs (text); blank-line blocks (code) — and
| packs the blocks into chunks near a target token count, with a token
| overlap between neighbours. Offsets point into the original text.
*/
import { countTokens } from './tokenizer.js'

export interface Chunk {
  position: number
  heading: string | null
  body: string
  tokenCount: number
  startOffset: number
  endOffset: number
}

export interface ChunkOptions {
  structure: 'markdown' | 'text' | 'code'
  targetTokens?: number
  overlapTokens?: number
}

interface Block {
  start: number
  end: number
  tokens: number
  heading: string | null
}

/** Paragraph-like blocks: runs of non-blank lines; fenced code kept whole in markdown. */
function splitBlocks(text: string, structure: ChunkOptions['structure']) {
  const blocks: { start: number; end: number; heading: string | null; isHeading: boolean }[] = []
  const lines = text.split('\n')
  let offset = 0
  let blockStart = -1
  let inFence = false
  let heading: string | null = null
  const close = (end: number) => {
    if (blockStart >= 0 && text.slice(blockStart, end).trim()) {
      blocks.push({ start: blockStart, end, heading, isHeading: false })
    }
    blockStart = -1
  }
  for (const line of lines) {
    const lineEnd = offset + line.length
    const trimmed = line.trim()
    if (structure === 'markdown' && /^(```|~~~)/.test(trimmed)) {
      if (!inFence) {
        close(offset)
        blockStart = offset
        inFence = true
      } else {
        inFence = false
        close(lineEnd)
      }
    } else if (!inFence && structure === 'markdown' && /^#{1,6}\s/.test(trimmed)) {
      close(offset)
      heading = trimmed.replace(/^#+\s*/, '').slice(0, 500)
      blocks.push({ start: offset, end: lineEnd, heading, isHeading: true })
    } else if (!inFence && trimmed === '') {
      close(offset)
    } else if (blockStart < 0) {
      blockStart = offset
    }
    offset = lineEnd + 1
  }
  close(text.length)
  return blocks
}

/** Breaks an oversized block at line, then sentence, then word boundaries. */
function splitOversized(text: string, block: Block, limit: number): Block[] {
  const pieces: Block[] = []
  const pattern = /[^\n]*\n|[^.!?\n]+[.!?]+\s*|\S+\s*/g
  let start = block.start
  let end = block.start
  let tokens = 0
  for (const match of text.slice(block.start, block.end).matchAll(pattern)) {
    const pieceTokens = countTokens(match[0])
    if (tokens > 0 && tokens + pieceTokens > limit) {
      pieces.push({ start, end, tokens, heading: block.heading })
      start = end
      tokens = 0
    }
    end = block.start + match.index! + match[0].length
    tokens += pieceTokens
  }
  if (end > start) pieces.push({ start, end, tokens, heading: block.heading })
  return pieces
}

export function chunkText(text: string, options: ChunkOptions): Chunk[] {
  const target = options.targetTokens ?? 300
  const overlap = options.overlapTokens ?? 40
  const blocks: Block[] = []
  for (const raw of splitBlocks(text, options.structure)) {
    const block = { ...raw, tokens: countTokens(text.slice(raw.start, raw.end)) }
    blocks.push(...(block.tokens > target ? splitOversized(text, block, target) : [block]))
  }

  const chunks: Chunk[] = []
  let current: Block[] = []
  let currentTokens = 0
  const emit = () => {
    if (current.length === 0) return
    const start = current[0].start
    const end = current.at(-1)!.end
    chunks.push({
      position: chunks.length,
      heading: current[0].heading,
      body: text.slice(start, end),
      tokenCount: countTokens(text.slice(start, end)),
      startOffset: start,
      endOffset: end,
    })
    // Carry the last blocks that fit in the overlap into the next chunk.
    const carried: Block[] = []
    let carriedTokens = 0
    for (let index = current.length - 1; index > 0; index--) {
      if (carriedTokens + current[index].tokens > overlap) break
      carried.unshift(current[index])
      carriedTokens += current[index].tokens
    }
    current = carried
    currentTokens = carriedTokens
  }
  for (const block of blocks) {
    if (currentTokens > 0 && currentTokens + block.tokens > target) emit()
    current.push(block)
    currentTokens += block.tokens
  }
  // What is left is overlap already emitted, unless new blocks joined it.
  const lastEmittedEnd = chunks.at(-1)?.endOffset ?? -1
  if (current.length && current.at(-1)!.end > lastEmittedEnd) emit()
  return chunks
}
