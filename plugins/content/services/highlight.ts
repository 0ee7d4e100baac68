import hljs from 'highlight.js'

const LIMIT = 300 * 1024

/** Highlighted HTML for source code (highlight.js escapes the text); null when too large. */
export function highlightCode(text: string, language: string | null) {
  if (text.length > LIMIT) return null
  return language && hljs.getLanguage(language)
    ? hljs.highlight(text, { language, ignoreIllegals: true }).value
    : hljs.highlightAuto(text).value
}
