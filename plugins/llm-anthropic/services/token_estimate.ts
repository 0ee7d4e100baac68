/*
| Anthropic publishes no tokenizer for its current models, so a text is
| estimated with OpenAI's cl100k_base (close for English prose and code) and
| marked inexact: the threads plugin calibrates the estimate against the usage
| Anthropic reports. The ranks are megabytes: loaded on first use and kept.
*/
import { createRequire } from 'node:module'
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite'
import type { TokenCount } from '#plugins/threads/services/llm_contract'

const require = createRequire(import.meta.url)
let encoder: Tiktoken | null = null

export function estimateTokens(_model: string, text: string): TokenCount {
  if (text.length === 0) return { tokens: 0, exact: false }
  encoder ??= new Tiktoken(require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE)
  // Special-token markers in a member's text ("<|endoftext|>") count as plain text.
  return { tokens: encoder.encode(text, [], []).length, exact: false }
}
