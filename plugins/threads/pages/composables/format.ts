/* Numbers as the threads page shows them: tokens and small costs. */

/** "1,234" */
export const formatTokens = (count: number) => Math.round(count).toLocaleString('en')

/**
 * Dollars with two significant digits below a dollar, so an answer's cost is readable:
 * "$0.0024", "$0.052", "$0.50", "$3.20"; "$0" for nothing, "<$0.0001" for crumbs.
 */
export function formatCost(usd: number) {
  if (!Number.isFinite(usd) || usd <= 0) return '$0'
  if (usd >= 1) return `$${usd.toFixed(2)}`
  if (usd < 0.0001) return '<$0.0001'
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(usd)))
  return `$${usd.toFixed(decimals)}`
}
