import { test } from '@japa/runner'
import {
  assembleContext,
  ContextTooLargeError,
  TURN_OVERHEAD,
  type BuilderInput,
  type SourceItem,
} from '#plugins/threads/services/context_builder'

/** One token per word: easy to reason about in the assertions. */
const count = (text: string) => (text.trim() ? text.trim().split(/\s+/).length : 0)

const chunk = (id: string, words: number) => ({
  id,
  heading: null,
  body: Array.from({ length: words }, (_, index) => `${id}w${index}`).join(' '),
  tokenCount: words,
})

const item = (itemId: string, chunks: ReturnType<typeof chunk>[], extra: Partial<SourceItem> = {}): SourceItem => ({
  itemId,
  title: itemId,
  pinned: false,
  relevance: 1,
  tokenBudget: null,
  chunks,
  ...extra,
})

const base = (extra: Partial<BuilderInput> = {}): BuilderInput => ({
  model: 'm',
  contextWindow: 10_000,
  reservedOutput: 1000,
  count,
  systemPrompt: 'Be brief.',
  items: [],
  retrieved: [],
  history: [],
  userMessage: 'What now?',
  ...extra,
})

test.group('Context builder', () => {
  test('parts come in priority order and the request is built from exactly those parts', ({ assert }) => {
    const result = assembleContext(
      base({
        items: [item('chosen-a', [chunk('a1', 10)]), item('pinned-b', [chunk('b1', 10)], { pinned: true })],
        retrieved: [
          { chunkId: 'r1', itemId: 'doc-r', itemTitle: 'doc-r', heading: null, body: 'retrieved words here', tokenCount: 3, score: 0.5 },
        ],
        history: [
          { id: 'h1', role: 'user', content: 'earlier question' },
          { id: 'h2', role: 'assistant', content: 'earlier answer' },
        ],
      })
    )
    assert.deepEqual(
      result.parts.map((part) => `${part.origin}:${part.itemId ?? part.messageId ?? ''}`),
      ['system:', 'pinned:pinned-b', 'chosen:chosen-a', 'retrieved:doc-r', 'history:h1', 'history:h2', 'user:']
    )
    const contextParts = result.parts.filter((part) => part.itemId).map((part) => part.text)
    assert.equal(result.request.system, ['Be brief.', ...contextParts].join('\n\n'))
    assert.deepEqual(result.request.turns, [
      { role: 'user', content: 'earlier question' },
      { role: 'assistant', content: 'earlier answer' },
      { role: 'user', content: 'What now?' },
    ])
    assert.equal(result.request.maxOutputTokens, 1000)
    const sum = result.parts.reduce((total, part) => total + part.tokens, 0)
    assert.equal(result.used, sum)
    assert.equal(result.byOrigin.pinned, result.parts[1].tokens)
    assert.isAbove(result.byOrigin.retrieved, 0)
  })

  test('within the window, the lowest relevance goes first and admitted items keep their order', ({ assert }) => {
    const items = [
      item('low', [chunk('l1', 100)], { relevance: 0.2 }),
      item('high', [chunk('h1', 100)], { relevance: 0.9 }),
      item('mid', [chunk('m1', 100)], { relevance: 0.5 }),
    ]
    // Room for about two items after the system prompt and the question.
    const result = assembleContext(base({ items, contextWindow: 1000 + 30 + 2 * 110, reservedOutput: 1000 }))
    assert.deepEqual(
      result.parts.filter((part) => part.origin === 'chosen').map((part) => part.itemId),
      ['high', 'mid']
    )
    assert.deepEqual(result.dropped.map((part) => [part.itemId, part.reason]), [['low', 'it did not fit in the window']])
    assert.isAtMost(result.used, result.available)
    assert.lengthOf(result.warnings, 0)
  })

  test('a pinned item that does not fit is cut or left out, never silently', ({ assert }) => {
    const cut = assembleContext(
      base({
        items: [item('big', [chunk('p1', 50), chunk('p2', 50), chunk('p3', 50)], { pinned: true })],
        contextWindow: 1000 + 30 + 110,
      })
    )
    const pinned = cut.parts.find((part) => part.origin === 'pinned')!
    assert.deepEqual(pinned.chunkIds, ['p1', 'p2'])
    assert.isTrue(pinned.partial)
    assert.match(cut.warnings[0], /Pinned “big” was cut to 2 of 3 passages/)

    const out = assembleContext(
      base({ items: [item('huge', [chunk('x1', 500)], { pinned: true })], contextWindow: 1000 + 30 + 100 })
    )
    assert.isUndefined(out.parts.find((part) => part.origin === 'pinned'))
    assert.match(out.warnings[0], /Pinned “huge” was left out: it did not fit in the window/)
    assert.equal(out.dropped[0].origin, 'pinned')
  })

  test("an item's token budget caps it at a passage boundary", ({ assert }) => {
    const result = assembleContext(
      base({ items: [item('doc', [chunk('c1', 40), chunk('c2', 40), chunk('c3', 40)], { tokenBudget: 90 })] })
    )
    assert.deepEqual(result.parts.find((part) => part.origin === 'chosen')!.chunkIds, ['c1', 'c2'])
    const tiny = assembleContext(base({ items: [item('doc', [chunk('c1', 40)], { tokenBudget: 10 })] }))
    assert.match(tiny.dropped[0].reason, /token budget \(10\) is smaller than its first passage/)
  })

  test('history is kept newest first without gaps; what is older is reported', ({ assert }) => {
    const history = Array.from({ length: 6 }, (_, index) => ({
      id: `h${index}`,
      role: (index % 2 ? 'assistant' : 'user') as 'user' | 'assistant',
      content: Array.from({ length: 50 }, () => `m${index}`).join(' '),
    }))
    const room = 2 * (50 + TURN_OVERHEAD) + 5
    const result = assembleContext(
      base({ history, contextWindow: 1000 + count('Be brief.') + count('What now?') + 2 * TURN_OVERHEAD + room })
    )
    assert.deepEqual(
      result.parts.filter((part) => part.origin === 'history').map((part) => part.messageId),
      ['h4', 'h5']
    )
    assert.equal(result.dropped[0].reason, '4 earlier messages did not fit in the window')
  })

  test('retrieved passages already chosen are not sent twice', ({ assert }) => {
    const result = assembleContext(
      base({
        items: [item('doc', [chunk('c1', 5)])],
        retrieved: [
          { chunkId: 'c1', itemId: 'doc', itemTitle: 'doc', heading: null, body: 'c1 text', tokenCount: 2, score: 0.9 },
          { chunkId: 'c9', itemId: 'other', itemTitle: 'other', heading: null, body: 'c9 text', tokenCount: 2, score: 0.8 },
        ],
      })
    )
    assert.deepEqual(
      result.parts.filter((part) => part.origin === 'retrieved').map((part) => part.chunkIds),
      [['c9']]
    )
  })

  test('a message that cannot fit with the instructions is refused', ({ assert }) => {
    assert.throws(
      () => assembleContext(base({ userMessage: 'word '.repeat(200), contextWindow: 1100 })),
      ContextTooLargeError as any
    )
  })
})
