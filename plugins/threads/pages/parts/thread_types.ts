/* What the threads page receives (services/threads_page.ts) and reads from the threads API. */

export type PartOrigin =
  'system' | 'template' | 'pinned' | 'chosen' | 'retrieved' | 'history' | 'user'

export interface ThreadLink {
  threadId: string
  type: 'branches_from' | 'related_to'
  /** 'out': this thread branches from (or relates to) threadId; 'in': the other way round. */
  direction: 'in' | 'out'
  name?: string | null
}

export interface ThreadSummary {
  id: string
  projectId: string
  name: string
  description: string | null
  status: 'active' | 'archived'
  pinned: boolean
  modelId: string | null
  messageCount: number
  lastMessageAt: string | null
  updatedAt: string | null
  parentId: string | null
  links: ThreadLink[]
}

export interface ThreadNode extends ThreadSummary {
  children: ThreadNode[]
}

export interface ThreadDetail extends ThreadSummary {
  parent: { id: string; name: string } | null
  myRole: string | null
}

export interface Message {
  id: string
  threadId: string
  role: 'system' | 'user' | 'assistant'
  content: string
  status: 'complete' | 'streaming' | 'stopped' | 'failed'
  error: { kind: string; message: string } | null
  model: { id: string | null; name: string } | null
  tokens: {
    input: number | null
    output: number | null
    cached: number | null
    total: number
  } | null
  cost: number | null
  usageEstimated: boolean
  warnings: string[]
  forkedFrom: string | null
  parentId: string | null
  siblings: { ids: string[]; index: number }
  createdAt: string
  finishedAt: string | null
}

export interface UsableModel {
  id: string
  model: string
  displayName: string
  providerLabel: string
  contextWindow: number
  maxOutput: number
  priceInput: number
  priceOutput: number
}

export interface ContextChunk {
  id: string
  position: number
  heading: string | null
  preview: string
  tokenCount: number
}

export interface ContextEntry {
  contentItemId: string
  title: string | null
  contentType: string | null
  available: boolean
  chunkIds: string[] | null
  chunks: ContextChunk[] | null
  wholeItemTokens: number
  chosenTokens: number
  pinned: boolean
  relevance: number
  tokenBudget: number | null
  inclusionMethod: 'manual' | 'tag' | 'semantic'
  inclusionRule: Record<string, unknown> | null
  position: number
  missingChunks: string[]
}

export interface SelectedThread {
  thread: ThreadDetail
  messages: Message[]
  context: ContextEntry[]
}

/** The context meter (POST /:id/preview). */
export interface Preview {
  window: number
  reservedOutput: number
  available: number
  used: number
  byOrigin: Partial<Record<PartOrigin, number>>
  model: { id: string; name: string }
  warnings: string[]
  dropped: { origin: PartOrigin; reason: string; tokens: number; title?: string }[]
  cost: { input: number; max: number }
}

export interface SnapshotPart {
  origin: PartOrigin
  text: string
  tokens: number
  itemId?: string
  title?: string
  chunkIds?: string[]
  relevance?: number
  partial?: boolean
  messageId?: string
  role?: 'user' | 'assistant'
}

/** What an answer was given (GET /messages/:id/context → snapshot). */
export interface Snapshot {
  model: { id: string; model: string; displayName: string }
  window: number
  reservedOutput: number
  available: number
  used: number
  byOrigin: Partial<Record<PartOrigin, number>>
  parts: SnapshotPart[]
  dropped: {
    origin: PartOrigin
    reason: string
    tokens: number
    title?: string
    messageId?: string
  }[]
  warnings: string[]
}
