import { test } from '@japa/runner'
import { chunkText } from '../../services/chunker.js'
import { countTokens } from '../../services/tokenizer.js'
import { hashingVector } from '../../services/embeddings.js'

const paragraph = (word: string, count: number) =>
  Array.from({ length: count }, () => word).join(' ') + '.'

test.group('Chunker', () => {
  test('splits markdown on headings and keeps the heading with its chunk', ({ assert }) => {
    const text = `# Intro\n\n${paragraph('alpha', 60)}\n\n# Usage\n\n${paragraph('beta', 60)}\n`
    const chunks = chunkText(text, { structure: 'markdown', targetTokens: 70, overlapTokens: 0 })
    assert.isAtLeast(chunks.length, 2)
    assert.equal(chunks[0].heading, 'Intro')
    assert.include(chunks[0].body, 'alpha')
    const usage = chunks.find((chunk) => chunk.body.includes('beta'))!
    assert.equal(usage.heading, 'Usage')
  })

  test('offsets point at the chunk in the original text and counts are real tokens', ({
    assert,
  }) => {
    const text = Array.from({ length: 12 }, (_, index) => paragraph(`word${index}`, 40)).join(
      '\n\n'
    )
    const chunks = chunkText(text, { structure: 'text', targetTokens: 150, overlapTokens: 30 })
    assert.isAbove(chunks.length, 2)
    for (const chunk of chunks) {
      assert.equal(text.slice(chunk.startOffset, chunk.endOffset), chunk.body)
      assert.equal(chunk.tokenCount, countTokens(chunk.body))
      assert.isAtMost(chunk.tokenCount, 150 + 5)
    }
    assert.deepEqual(
      chunks.map((chunk) => chunk.position),
      chunks.map((_, index) => index)
    )
  })

  test('neighbouring chunks overlap by whole blocks within the overlap budget', ({ assert }) => {
    const text = Array.from({ length: 8 }, (_, index) => paragraph(`p${index}`, 10)).join('\n\n')
    const chunks = chunkText(text, { structure: 'text', targetTokens: 60, overlapTokens: 25 })
    assert.isAbove(chunks.length, 2)
    for (let index = 1; index < chunks.length; index++) {
      assert.isBelow(chunks[index].startOffset, chunks[index - 1].endOffset, 'no overlap')
    }
  })

  test('a fenced code block that fits the target stays whole, blank lines included', ({
    assert,
  }) => {
    const code = ['```ts', 'const a = 1', '', 'const b = 2', '```'].join('\n')
    const text = `Intro paragraph.\n\n${code}\n\nOutro paragraph.`
    const chunks = chunkText(text, { structure: 'markdown', targetTokens: 1000, overlapTokens: 0 })
    assert.lengthOf(chunks, 1)
    const tight = chunkText(text, { structure: 'markdown', targetTokens: 20, overlapTokens: 0 })
    assert.isAbove(tight.length, 1)
    assert.isTrue(tight.some((chunk) => chunk.body.includes(code)))
  })

  test('one huge paragraph is cut at sentence boundaries', ({ assert }) => {
    const text = Array.from(
      { length: 50 },
      (_, index) => `Sentence number ${index} talks about turbines.`
    ).join(' ')
    const chunks = chunkText(text, { structure: 'text', targetTokens: 80, overlapTokens: 0 })
    assert.isAbove(chunks.length, 3)
    for (const chunk of chunks) assert.isAtMost(chunk.tokenCount, 85)
  })

  test('an empty text makes no chunks', ({ assert }) => {
    assert.deepEqual(chunkText('   \n\n  ', { structure: 'text' }), [])
  })
})

test.group('Hashing embedding', () => {
  test('is deterministic, unit length, and closer for texts sharing words', ({ assert }) => {
    const a = hashingVector('boundary layer transition on a flat plate')
    assert.deepEqual(a, hashingVector('boundary layer transition on a flat plate'))
    assert.closeTo(Math.hypot(...a), 1, 1e-4)
    const dot = (x: number[], y: number[]) =>
      x.reduce((sum, value, index) => sum + value * y[index], 0)
    const near = hashingVector('transition of the boundary layer')
    const far = hashingVector('supersonic wing flutter in wind tunnels')
    assert.isAbove(dot(a, near), dot(a, far))
  })
})
