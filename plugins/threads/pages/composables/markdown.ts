/*
| Answers as HTML: Markdown through markdown-it (raw HTML off), code blocks
| highlighted by highlight.js (its core and a few common languages, not all
| 190), each block with a Copy button, and the result sanitized by DOMPurify.
| isomorphic-dompurify runs the same DOMPurify in server rendering (on jsdom)
| and in the browser, so hydration sees identical markup.
*/
import DOMPurify from 'isomorphic-dompurify'
import MarkdownIt from 'markdown-it'
import hljs from 'highlight.js/lib/core'
import bash from 'highlight.js/lib/languages/bash'
import css from 'highlight.js/lib/languages/css'
import diff from 'highlight.js/lib/languages/diff'
import go from 'highlight.js/lib/languages/go'
import java from 'highlight.js/lib/languages/java'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import markdown from 'highlight.js/lib/languages/markdown'
import python from 'highlight.js/lib/languages/python'
import sql from 'highlight.js/lib/languages/sql'
import typescript from 'highlight.js/lib/languages/typescript'
import xml from 'highlight.js/lib/languages/xml'
import yaml from 'highlight.js/lib/languages/yaml'

const LANGUAGES = {
  bash,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  sql,
  typescript,
  xml,
  yaml,
}
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language)
hljs.registerAliases(['sh', 'shell', 'zsh'], { languageName: 'bash' })
hljs.registerAliases(['html', 'vue'], { languageName: 'xml' })

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const md: MarkdownIt = new MarkdownIt({
  html: false,
  linkify: true,
  highlight(code, language) {
    const known = language && hljs.getLanguage(language) ? language : null
    // Unknown or unnamed languages stay plain text: guessing colours would often be wrong.
    const body = known
      ? hljs.highlight(code, { language: known, ignoreIllegals: true }).value
      : escapeHtml(code)
    return `<pre><code class="hljs${known ? ` language-${known}` : ''}">${body}</code></pre>`
  },
})

/* Each fenced block in a frame with its language and a Copy button (the page listens for clicks). */
const fence = md.renderer.rules.fence!
md.renderer.rules.fence = (tokens, index, options, env, self) => {
  const language = tokens[index].info.trim().split(/\s+/)[0] ?? ''
  return (
    '<div class="code-block">' +
    `<div class="code-head"><span>${escapeHtml(language || 'text')}</span>` +
    '<button type="button" class="code-copy" data-copy-code aria-label="Copy code">Copy</button></div>' +
    fence(tokens, index, options, env, self) +
    '</div>'
  )
}

/** Safe HTML for an answer's Markdown. */
export function renderMarkdown(text: string) {
  return DOMPurify.sanitize(md.render(text))
}
