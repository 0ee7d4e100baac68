import { test } from '@japa/runner'
import { markWords, renderItemText } from '../../services/item_text.js'

test.group('Opened item text', () => {
  test('words are marked as whole words, never inside tags or entities', ({ assert }) => {
    const html = '<a href="seal.html" title="seal">Seal</a> seals &amp; seal-ring; amp'
    assert.equal(
      markWords(html, ['seal', 'amp']),
      '<a href="seal.html" title="seal"><mark>Seal</mark></a> seals &amp; <mark>seal</mark>-ring; <mark>amp</mark>'
    )
    assert.equal(markWords(html, []), html)
  })

  test('plain text is escaped before marks are added: a hostile word cannot inject markup', ({
    assert,
  }) => {
    const out = renderItemText('text', null, 'x <script>alert(1)</script> y', null, [
      '<script>',
      'alert',
    ])
    assert.notInclude(out, '<script>')
    assert.include(out, '&lt;script&gt;')
    assert.include(out, '<mark>alert</mark>')
  })

  test('the passage is wrapped for the page to scroll to, at its offsets', ({ assert }) => {
    const text = 'First line about pumps.\nSecond line about valves.\nThird line.'
    const start = text.indexOf('Second')
    const end = text.indexOf('Third')
    const out = renderItemText('text', null, text, { start, end }, ['valves'])
    const passage = out.match(/<span id="opened-passage"[^>]*>([^]*?)<\/span>/)?.[1]
    assert.equal(passage, 'Second line about <mark>valves</mark>.\n')
    assert.include(out, 'First line about pumps.')

    // Markdown gets a block around the passage; offsets beyond the text are clamped.
    const md = renderItemText('markdown', null, '# Title\n\nBody text.', { start: 9, end: 999 }, [])
    assert.match(md, /<div id="opened-passage"[^>]*><p>Body text.<\/p>\n<\/div>/)
  })
})
