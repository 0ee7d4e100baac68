/**
 * Plain Okapi BM25 (k1 = 1.2, b = 0.75) over lower-cased word tokens, no
 * stemming: the textbook baseline the evaluation measures search against.
 */
export class Bm25Index {
  #postings = new Map<string, Map<string, number>>()
  #lengths = new Map<string, number>()
  #averageLength = 0

  constructor(
    documents: { id: string; text: string }[],
    private k1 = 1.2,
    private b = 0.75
  ) {
    for (const document of documents) {
      const tokens = tokenize(document.text)
      this.#lengths.set(document.id, tokens.length)
      for (const token of tokens) {
        if (!this.#postings.has(token)) this.#postings.set(token, new Map())
        const posting = this.#postings.get(token)!
        posting.set(document.id, (posting.get(document.id) ?? 0) + 1)
      }
    }
    const total = [...this.#lengths.values()].reduce((sum, length) => sum + length, 0)
    this.#averageLength = total / Math.max(this.#lengths.size, 1)
  }

  search(query: string, limit: number) {
    const scores = new Map<string, number>()
    const count = this.#lengths.size
    for (const term of new Set(tokenize(query))) {
      const posting = this.#postings.get(term)
      if (!posting) continue
      const idf = Math.log(1 + (count - posting.size + 0.5) / (posting.size + 0.5))
      for (const [id, frequency] of posting) {
        const norm = 1 - this.b + (this.b * this.#lengths.get(id)!) / this.#averageLength
        const score = (idf * frequency * (this.k1 + 1)) / (frequency + this.k1 * norm)
        scores.set(id, (scores.get(id) ?? 0) + score)
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id]) => id)
  }
}

function tokenize(text: string) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
}
