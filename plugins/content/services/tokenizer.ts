import { countTokens as countCl100k, encode, decode } from 'gpt-tokenizer/encoding/cl100k_base'

/** Token counts with OpenAI's cl100k_base BPE: the unit context windows are measured in. */
export function countTokens(text: string) {
  return countCl100k(text)
}

/** The first `limit` tokens of a text, decoded back to a string. */
export function truncateToTokens(text: string, limit: number) {
  return decode(encode(text).slice(0, limit))
}
