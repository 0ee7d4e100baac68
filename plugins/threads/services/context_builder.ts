/*
| The context builder: assembles one request to a model from what the member
| chose and what the conversation holds, within the model's window, and says
| exactly what went in and what did not.
|
| Priority, highest first — each stage takes what still fits:
|   1. the system prompt and the new message (they must fit, or the request is refused);
|   2. pinned items, in their order;
|   3. chosen items, in their order;
|   4. passages retrieved for the new message, best first;
|   5. the conversation so far, newest first (an older message never displaces a newer one).
| Within chosen items and retrieved passages the lowest relevance goes first:
| items are admitted by relevance (ties by position) and keep their order in
| the prompt. An item that does not fit whole is cut at a passage boundary. A
| pinned item that is cut or left out is never silent: it is a warning shown
| to the member. A per-item token budget caps that item before all this.
|
| Pure: no I/O, so the exact record and the benchmark use the same code.
*/
import type { ChatRequest, ChatTurn } from './llm_contract.js'

export type PartOrigin =
  'system' | 'template' | 'pinned' | 'chosen' | 'retrieved' | 'history' | 'user'

export const PART_ORIGINS: PartOrigin[] = [
  'system',
  'template',
  'pinned',
  'chosen',
  'retrieved',
  'history',
  'user',
]

export interface ContextPart {
  origin: PartOrigin
  /** Exactly the text sent for this part. */
  text: string
  tokens: number
  itemId?: string
  title?: string
  chunkIds?: string[]
  relevance?: number
  /** Set when only some of the item's passages went in. */
  partial?: boolean
  messageId?: string
  role?: 'user' | 'assistant'
}

export interface DroppedPart {
  origin: PartOrigin
  reason: string
  tokens: number
  itemId?: string
  title?: string
  chunkIds?: string[]
  relevance?: number
  messageId?: string
}

export interface SourceChunk {
  id: string
  heading: string | null
  body: string
  tokenCount: number
}

export interface SourceItem {
  itemId: string
  title: string
  pinned: boolean
  relevance: number
  tokenBudget: number | null
  /** The item's passages in order (the chosen ones, or all for a whole item). */
  chunks: SourceChunk[]
}

export interface RetrievedSource {
  chunkId: string
  itemId: string
  itemTitle: string
  heading: string | null
  body: string
  tokenCount: number
  score: number
}

export interface HistoryMessage {
  id: string
  role: 'user' | 'assistant'
  content: string
}

export interface BuilderInput {
  model: string
  contextWindow: number
  reservedOutput: number
  /** Tokens of a text for this model (calibrated when the tokenizer is an estimate). */
  count: (text: string) => number
  /**
   * This model's tokens per stored passage token (passages are counted once, at
   * ingestion, with cl100k_base): candidates are weighed with it, and only what
   * goes in is tokenized. 1 when omitted.
   */
  chunkScale?: number
  systemPrompt: string | null
  items: SourceItem[]
  retrieved: RetrievedSource[]
  /** The conversation before the new message, oldest first. */
  history: HistoryMessage[]
  userMessage: string
  temperature?: number
}

export interface AssembledContext {
  request: ChatRequest
  parts: ContextPart[]
  dropped: DroppedPart[]
  warnings: string[]
  window: number
  reservedOutput: number
  /** Tokens the prompt may use: the window minus the reserved output. */
  available: number
  used: number
  byOrigin: Record<PartOrigin, number>
}

/** Framing tokens each turn costs beyond its text (role markers, separators). */
export const TURN_OVERHEAD = 4

export const DEFAULT_SYSTEM_PROMPT =
  'You are a helpful assistant working with the documents of this project. ' +
  'Answer from the documents below when they are relevant and say which one you used; ' +
  'say so when they do not contain the answer.'

export class ContextTooLargeError extends Error {
  constructor(
    readonly needed: number,
    readonly available: number
  ) {
    super(
      `The message and instructions need ${needed} tokens but the model has ${available} for the prompt: shorten the message or choose a model with a larger window.`
    )
  }
}

const documentBlock = (title: string, origin: PartOrigin, chunks: SourceChunk[]) =>
  `<document title="${title.replace(/"/g, "'")}" source="${origin}">\n${chunks
    .map((chunk) => chunk.body)
    .join('\n\n')}\n</document>`

/** Passages of an item within a cap of (estimated) tokens, whole passages only, in order. */
function fitChunks(chunks: SourceChunk[], cap: number, scale = 1) {
  const taken: SourceChunk[] = []
  let tokens = 0
  for (const chunk of chunks) {
    const cost = Math.ceil(chunk.tokenCount * scale) + 2
    if (tokens + cost > cap) break
    taken.push(chunk)
    tokens += cost
  }
  return taken
}

export function assembleContext(input: BuilderInput): AssembledContext {
  const available = input.contextWindow - input.reservedOutput
  const scale = input.chunkScale ?? 1
  const parts: ContextPart[] = []
  const dropped: DroppedPart[] = []
  const warnings: string[] = []
  const systemText = input.systemPrompt?.trim() || DEFAULT_SYSTEM_PROMPT
  const system: ContextPart = {
    origin: 'system',
    text: systemText,
    tokens: input.count(systemText) + TURN_OVERHEAD,
  }
  const user: ContextPart = {
    origin: 'user',
    text: input.userMessage,
    tokens: input.count(input.userMessage) + TURN_OVERHEAD,
  }
  const fixed = system.tokens + user.tokens
  if (fixed > available) throw new ContextTooLargeError(fixed, available)
  let left = available - fixed

  /**
   * The passages of `chunks` that fit in `room`: chosen by the passages' stored
   * counts (no tokenizing of candidates that will not go in), then the text is
   * counted with the model's tokenizer and cut further in the rare case the
   * estimate was short.
   */
  const fit = (title: string, origin: PartOrigin, chunks: SourceChunk[], room: number) => {
    const framing = input.count(documentBlock(title, origin, []))
    let taken = fitChunks(chunks, room - framing, scale)
    let text = documentBlock(title, origin, taken)
    let tokens = input.count(text)
    while (taken.length > 0 && tokens > room) {
      taken = taken.slice(0, -1)
      text = documentBlock(title, origin, taken)
      tokens = input.count(text)
    }
    return { taken, text, tokens }
  }

  /** Admits an item (capped by its budget and what is left); returns its part or null. */
  const admit = (item: SourceItem, origin: 'pinned' | 'chosen'): ContextPart | null => {
    const capped = item.tokenBudget ? fitChunks(item.chunks, item.tokenBudget, scale) : item.chunks
    const { taken, text, tokens } = fit(item.title, origin, capped, left)
    const base = { itemId: item.itemId, title: item.title, relevance: item.relevance }
    if (taken.length === 0) {
      const reason =
        item.chunks.length === 0
          ? 'it has no indexed text yet'
          : capped.length === 0
            ? `its token budget (${item.tokenBudget}) is smaller than its first passage`
            : 'it did not fit in the window'
      const estimate = item.chunks.reduce((sum, chunk) => sum + chunk.tokenCount, 0)
      dropped.push({
        ...base,
        origin,
        reason,
        tokens: Math.ceil(estimate * scale),
        chunkIds: item.chunks.map((chunk) => chunk.id),
      })
      if (origin === 'pinned') warnings.push(`Pinned “${item.title}” was left out: ${reason}.`)
      return null
    }
    left -= tokens
    const partial = taken.length < item.chunks.length
    if (partial && origin === 'pinned') {
      warnings.push(
        `Pinned “${item.title}” was cut to ${taken.length} of ${item.chunks.length} passages to fit.`
      )
    }
    return { ...base, origin, text, tokens, chunkIds: taken.map((chunk) => chunk.id), partial }
  }

  const pinned = input.items.filter((item) => item.pinned)
  for (const item of pinned) {
    const part = admit(item, 'pinned')
    if (part) parts.push(part)
  }

  // Chosen items: admitted by relevance, shown in their own order.
  const chosen = input.items.filter((item) => !item.pinned)
  const byRelevance = chosen
    .map((item, order) => ({ item, order }))
    .sort((a, b) => b.item.relevance - a.item.relevance || a.order - b.order)
  const admitted = new Map<number, ContextPart>()
  for (const { item, order } of byRelevance) {
    const part = admit(item, 'chosen')
    if (part) admitted.set(order, part)
  }
  for (const order of [...admitted.keys()].sort((a, b) => a - b)) parts.push(admitted.get(order)!)

  // Retrieved passages not already in, best first.
  const present = new Set(parts.flatMap((part) => part.chunkIds ?? []))
  for (const hit of input.retrieved) {
    if (present.has(hit.chunkId)) continue
    const base = {
      origin: 'retrieved' as const,
      itemId: hit.itemId,
      title: hit.itemTitle,
      chunkIds: [hit.chunkId],
      relevance: hit.score,
    }
    const chunk = {
      id: hit.chunkId,
      heading: hit.heading,
      body: hit.body,
      tokenCount: hit.tokenCount,
    }
    const { taken, text, tokens } =
      left > 0 ? fit(hit.itemTitle, 'retrieved', [chunk], left) : { taken: [], text: '', tokens: 0 }
    if (taken.length === 0) {
      dropped.push({
        ...base,
        tokens: Math.ceil(hit.tokenCount * scale),
        reason: 'it did not fit in the window',
      })
      continue
    }
    left -= tokens
    present.add(hit.chunkId)
    parts.push({ ...base, text, tokens })
  }

  // The conversation, newest first, as long as it fits without gaps.
  const history: ContextPart[] = []
  for (let index = input.history.length - 1; index >= 0; index--) {
    const message = input.history[index]
    const tokens = input.count(message.content) + TURN_OVERHEAD
    if (tokens > left) {
      const older = input.history.slice(0, index + 1)
      dropped.push({
        origin: 'history',
        messageId: message.id,
        tokens: older.reduce((sum, m) => sum + input.count(m.content) + TURN_OVERHEAD, 0),
        reason: `${older.length} earlier message${older.length === 1 ? '' : 's'} did not fit in the window`,
      })
      break
    }
    left -= tokens
    history.unshift({
      origin: 'history',
      text: message.content,
      tokens,
      messageId: message.id,
      role: message.role,
    })
  }

  const ordered = [system, ...parts, ...history, user]
  const contextText = parts.map((part) => part.text)
  const request: ChatRequest = {
    model: input.model,
    system: contextText.length ? `${systemText}\n\n${contextText.join('\n\n')}` : systemText,
    turns: [
      ...history.map((part): ChatTurn => ({ role: part.role!, content: part.text })),
      { role: 'user', content: input.userMessage },
    ],
    maxOutputTokens: input.reservedOutput,
    ...(input.temperature === undefined ? {} : { temperature: input.temperature }),
  }
  const byOrigin = Object.fromEntries(PART_ORIGINS.map((origin) => [origin, 0])) as Record<
    PartOrigin,
    number
  >
  for (const part of ordered) byOrigin[part.origin] += part.tokens
  return {
    request,
    parts: ordered,
    dropped,
    warnings,
    window: input.contextWindow,
    reservedOutput: input.reservedOutput,
    available,
    used: available - left,
    byOrigin,
  }
}
