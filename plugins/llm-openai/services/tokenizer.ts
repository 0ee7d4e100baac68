/*
| Counting tokens the way OpenAI does: the model's own encoding (o200k_base for
| gpt-4o, gpt-4.1, gpt-5 and the o-series; cl100k_base for gpt-4 and gpt-3.5)
| gives an exact count. Any other name (llama3, mistral… behind Ollama, vLLM,
| LM Studio) has a tokenizer we do not ship, so cl100k_base gives an estimate.
|
| Each encoding's ranks are megabytes of data: loaded on first use (synchronously,
| since countTokens is synchronous) and kept for the life of the process.
*/
import { createRequire } from 'node:module'
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite'
import type { TokenCount } from '#plugins/threads/services/llm_contract'

export type EncodingName = 'o200k_base' | 'cl100k_base'

const require = createRequire(import.meta.url)
const encoders = new Map<EncodingName, Tiktoken>()

const O200K = /^(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|chatgpt-4o|o[1-9])(?:[-.:]|$)/
const CL100K = /^(?:gpt-4(?:[-.:]|$)|gpt-3\.5|gpt-35|text-embedding-3-|text-embedding-ada-002)/

/** The encoding for a model name and whether it is that model's own (exact) encoding. */
export function encodingFor(model: string): { encoding: EncodingName; exact: boolean } {
  const name = model.trim().toLowerCase()
  if (O200K.test(name)) return { encoding: 'o200k_base', exact: true }
  if (CL100K.test(name)) return { encoding: 'cl100k_base', exact: true }
  return { encoding: 'cl100k_base', exact: false }
}

function encoder(encoding: EncodingName) {
  let found = encoders.get(encoding)
  if (!found) {
    const ranks = require(`js-tiktoken/ranks/${encoding}`) as TiktokenBPE
    found = new Tiktoken(ranks)
    encoders.set(encoding, found)
  }
  return found
}

export function countTokens(model: string, text: string): TokenCount {
  const { encoding, exact } = encodingFor(model)
  if (text.length === 0) return { tokens: 0, exact }
  // Special-token markers in a member's text ("<|endoftext|>") count as plain text.
  return { tokens: encoder(encoding).encode(text, [], []).length, exact }
}
