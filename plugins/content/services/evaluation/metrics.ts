/** Rank metrics at a cut-off, for one query's ranked document ids. */
export function scoreRanking(
  ranked: string[],
  gains: Map<string, number> | undefined,
  relevantFrom: number,
  cutoff = 10
) {
  const top = ranked.slice(0, cutoff)
  const relevant = [...(gains ?? new Map())]
    .filter(([, gain]) => gain >= relevantFrom)
    .map(([id]) => id)
  const isRelevant = (id: string) => (gains?.get(id) ?? 0) >= relevantFrom
  const found = top.filter(isRelevant).length
  const firstHit = top.findIndex(isRelevant)
  const dcg = top.reduce(
    (sum, id, index) => sum + (2 ** (gains?.get(id) ?? 0) - 1) / Math.log2(index + 2),
    0
  )
  const ideal = [...(gains?.values() ?? [])]
    .sort((a, b) => b - a)
    .slice(0, cutoff)
    .reduce((sum, gain, index) => sum + (2 ** gain - 1) / Math.log2(index + 2), 0)
  return {
    recall: relevant.length ? found / relevant.length : 0,
    reciprocalRank: firstHit >= 0 ? 1 / (firstHit + 1) : 0,
    ndcg: ideal > 0 ? dcg / ideal : 0,
  }
}

export function mean(values: number[]) {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0
}
