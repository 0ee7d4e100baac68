/** Deterministic inputs and timing helpers shared by the benchmarks. */

/** mulberry32: a small seeded PRNG, so every run builds the same corpus. */
export function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'ti',
  'vo',
  'ze',
  'dra',
  'pli',
  'ston',
  'quar',
  'fen',
  'gul',
]

/** A vocabulary of pronounceable words, drawn with a Zipf-like skew like natural text. */
export function vocabulary(size: number, next: () => number) {
  const words = new Set<string>()
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3)
    words.add(
      Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('')
    )
  }
  const list = [...words]
  return {
    list,
    word: () => list[Math.floor(list.length * next() ** 3)],
  }
}

export async function timed(runs: number, work: (index: number) => Promise<unknown>) {
  const samples: number[] = []
  for (let index = 0; index < runs; index++) {
    const started = performance.now()
    await work(index)
    samples.push(performance.now() - started)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]
  return { p50: at(0.5), p95: at(0.95) }
}

export function table(rows: (string | number)[][]) {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => String(row[column]).length))
  )
  return rows
    .map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  '))
    .join('\n')
}
