/* The shapes the "AI models" console page receives (see services/model_serializers.ts). */

export interface Provider {
  key: string
  label: string
  defaultBaseUrl: string | null
  needsApiKey: boolean
}

export interface Model {
  id: string
  connectionId: string
  model: string
  displayName: string
  contextWindow: number
  maxOutput: number
  priceInput: number
  priceOutput: number
  priceCached: number
  enabled: boolean
  source: 'listed' | 'manual'
}

export interface Connection {
  id: string
  name: string
  provider: string
  providerLabel: string
  providerEnabled: boolean
  baseUrl: string | null
  effectiveBaseUrl: string | null
  hasApiKey: boolean
  apiKeyHint: string | null
  enabled: boolean
  lastCheckedAt: string | null
  lastError: string | null
  models: Model[]
}

/** "128,000" */
export const tokens = (value: number) => value.toLocaleString('en-US')

/** A price per million tokens, in the vendor's currency: "2.50", "0.075", "0". */
export function price(value: number) {
  if (value === 0) return '0'
  const digits = value >= 1 ? 2 : Math.min(6, Math.max(2, 2 - Math.floor(Math.log10(value))))
  return value.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, '$1')
}
