import { test } from '@japa/runner'
import { brandStylesheet, contrast, readableOn } from '#services/brand_theme'

test.group('Brand theme', () => {
  test('a readable brand colour is kept as it is', ({ assert }) => {
    assert.equal(readableOn('#1d4ed8', '#ffffff'), '#1d4ed8')
  })

  test('a light brand colour is darkened on white and a dark one lightened on the dark page', ({
    assert,
  }) => {
    for (const color of ['#ffeb3b', '#a5f3fc', '#ffffff', '#f59e0b']) {
      const onLight = readableOn(color, '#ffffff')
      assert.notEqual(onLight, color)
      assert.isAtLeast(contrast(onLight, '#ffffff'), 4.5, `${color} → ${onLight}`)
    }
    for (const color of ['#1e1b4b', '#000000', '#312e81']) {
      const onDark = readableOn(color, '#0f172a')
      assert.notEqual(onDark, color)
      assert.isAtLeast(contrast(onDark, '#0f172a'), 4.5, `${color} → ${onDark}`)
    }
  })

  test('the stylesheet sets both themes, and nothing without brand colours', ({ assert }) => {
    assert.isNull(brandStylesheet({ primaryColor: null, accentColor: null }))
    const css = brandStylesheet({ primaryColor: '#ffeb3b', accentColor: null })!
    assert.match(
      css,
      /^:root \{ --ui-primary: #[0-9a-f]{6}; \} \.dark \{ --ui-primary: #[0-9a-f]{6}; \}$/
    )
    assert.notInclude(css, '--ui-secondary')
  })
})
