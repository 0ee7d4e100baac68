/*
| Anthropic publishes no tokenizer for its current models, so a text is
| estimated with OpenAI's cl100k_base (close for English prose and code) and
| marked inexact: the threads plugin calibrates the estimate against the usage
| Anthropic reports (gpt-tokenizer's port of the encoding: fast enough to count
| every prompt the context builder assembles).
*/
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base'
import type { TokenCount } from '#plugins/threads/services/llm_contract'

/** Special-token markers in a member's text ("<|endoftext|>") count as plain text. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() }

export function estimateTokens(_model: string, text: string): TokenCount {
  if (text.length === 0) return { tokens: 0, exact: false }
  return { tokens: countTokens(text, PLAIN_TEXT), exact: false }
}
