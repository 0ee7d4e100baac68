import { test } from '@japa/runner'
import { countTokens, encodingFor } from '#plugins/llm-openai/services/tokenizer'

test.group('OpenAI tokenizer choice', () => {
  test('{model} is counted with {encoding} (exact: {exact})')
    .with([
      { model: 'gpt-4o', encoding: 'o200k_base', exact: true },
      { model: 'gpt-4o-mini-2024-07-18', encoding: 'o200k_base', exact: true },
      { model: 'gpt-4.1-nano', encoding: 'o200k_base', exact: true },
      { model: 'gpt-5', encoding: 'o200k_base', exact: true },
      { model: 'gpt-5.1-chat', encoding: 'o200k_base', exact: true },
      { model: 'o1', encoding: 'o200k_base', exact: true },
      { model: 'o4-mini', encoding: 'o200k_base', exact: true },
      { model: 'gpt-4', encoding: 'cl100k_base', exact: true },
      { model: 'gpt-4-turbo', encoding: 'cl100k_base', exact: true },
      { model: 'gpt-3.5-turbo', encoding: 'cl100k_base', exact: true },
      { model: 'text-embedding-3-small', encoding: 'cl100k_base', exact: true },
      { model: 'llama3.1:8b', encoding: 'cl100k_base', exact: false },
      { model: 'mistral', encoding: 'cl100k_base', exact: false },
      { model: 'gpt-oss:20b', encoding: 'cl100k_base', exact: false },
      { model: 'openrouter/o1-style', encoding: 'cl100k_base', exact: false },
    ])
    .run(({ assert }, { model, encoding, exact }) => {
      assert.deepEqual(encodingFor(model), { encoding, exact })
    })

  test('the two encodings really differ, and special-token markers count as text', ({ assert }) => {
    // "<|endoftext|>" typed by a member must not throw nor count as one special token.
    const marker = countTokens('gpt-4o', '<|endoftext|>')
    assert.isAbove(marker.tokens, 1)
    const text = 'Die Straßenbahn fährt um 7:45 Uhr ab. 東京タワーは高い。'
    assert.notEqual(countTokens('gpt-4o', text).tokens, countTokens('gpt-4', text).tokens)
    assert.deepEqual(countTokens('gpt-4o', ''), { tokens: 0, exact: true })
  })
})
