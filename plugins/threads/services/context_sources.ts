/*
| Gathers what the context builder assembles from: the thread's chosen items
| (read through the content plugin's retrieval point), passages retrieved for
| the new message, and the conversation so far. Counting uses the model's
| tokenizer, calibrated by the vendor's reported usage when it only estimates.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { RetrievedChunk } from '#plugins/content/services/retrieval'
import { contentLibrary, contextEntries, type InclusionMethod } from './thread_content.js'
import type { BuilderInput, HistoryMessage, SourceItem } from './context_builder.js'
import type { ResolvedModel } from './model_catalog.js'
import type { ThreadRow } from './thread_access.js'

/** What a thread's settings may say about its context (all optional). */
export interface ThreadContextSettings {
  systemPrompt?: string
  retrievedChunks?: number
  retrievalScope?: 'project' | 'chosen'
  reservedOutput?: number
  temperature?: number
}

/** A counter for the model: exact, or the provider's estimate times the calibrated ratio. */
export function tokenCounter(model: ResolvedModel) {
  const exact = model.provider.countTokens(model.model, '').exact
  const ratio = exact ? 1 : model.tokenRatio
  return {
    exact,
    ratio,
    count: (text: string) =>
      exact
        ? model.provider.countTokens(model.model, text).tokens
        : Math.ceil(model.provider.countTokens(model.model, text).tokens * ratio),
  }
}

export interface GatherInput {
  thread: ThreadRow
  model: ResolvedModel
  history: HistoryMessage[]
  userMessage: string
  /** The plugin's default number of passages retrieved per message. */
  retrievedChunks: number
}

export interface GatheredContext {
  input: BuilderInput
  /** How each chosen item came into the thread, for the record. */
  methods: Map<string, InclusionMethod>
}

export async function gatherContext(
  trx: TenantTransaction,
  gather: GatherInput
): Promise<GatheredContext> {
  const { thread, model } = gather
  const settings = (thread.settings ?? {}) as ThreadContextSettings
  const retrieval = await contentLibrary()
  const entries = await contextEntries(trx, thread.id)
  const items = new Map(
    (
      await retrieval.items(
        trx,
        entries.map((entry) => entry.contentItemId)
      )
    ).map((item) => [item.id, item])
  )
  const live = entries.filter((entry) => items.has(entry.contentItemId))
  const whole = await retrieval.chunksOfItems(
    trx,
    live.filter((entry) => entry.chunkIds === null).map((entry) => entry.contentItemId)
  )
  const chosen = await retrieval.chunksById(
    trx,
    live.flatMap((entry) => entry.chunkIds ?? [])
  )
  const byItem = new Map<string, RetrievedChunk[]>()
  for (const chunk of [...whole, ...chosen]) {
    byItem.set(chunk.itemId, [...(byItem.get(chunk.itemId) ?? []), chunk])
  }

  const sources: SourceItem[] = live.map((entry) => ({
    itemId: entry.contentItemId,
    title: items.get(entry.contentItemId)!.title,
    pinned: entry.pinned,
    relevance: entry.relevance,
    tokenBudget: entry.tokenBudget,
    chunks: (byItem.get(entry.contentItemId) ?? [])
      .filter((chunk) => entry.chunkIds === null || entry.chunkIds.includes(chunk.chunkId))
      .map((chunk) => ({
        id: chunk.chunkId,
        heading: chunk.heading,
        body: chunk.body,
        tokenCount: chunk.tokenCount,
      })),
  }))

  const depth = settings.retrievedChunks ?? gather.retrievedChunks
  const scopedToChosen = settings.retrievalScope === 'chosen'
  const retrieved =
    depth > 0 && gather.userMessage.trim()
      ? await retrieval.retrieve(trx, {
          projectId: thread.project_id,
          query: gather.userMessage,
          limit: depth,
          itemIds: scopedToChosen ? live.map((entry) => entry.contentItemId) : undefined,
        })
      : []

  const counter = tokenCounter(model)
  const reservedOutput = Math.min(settings.reservedOutput ?? model.maxOutput, model.maxOutput)
  return {
    methods: new Map(live.map((entry) => [entry.contentItemId, entry.inclusionMethod])),
    input: {
      model: model.model,
      contextWindow: model.contextWindow,
      reservedOutput,
      count: counter.count,
      chunkScale: counter.ratio,
      systemPrompt: settings.systemPrompt ?? null,
      items: sources,
      retrieved: retrieved.map((chunk) => ({
        chunkId: chunk.chunkId,
        itemId: chunk.itemId,
        itemTitle: chunk.itemTitle,
        heading: chunk.heading,
        body: chunk.body,
        tokenCount: chunk.tokenCount,
        score: chunk.score,
      })),
      history: gather.history,
      userMessage: gather.userMessage,
      ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
    },
  }
}
