import proxyaddr from 'proxy-addr'

/**
 * The proxy-trust test for TRUSTED_PROXIES: comma-separated addresses, CIDR
 * ranges or proxy-addr's names (loopback, linklocal, uniquelocal). A typo is a
 * start-up error naming the variable, not a silently trusted or ignored hop.
 */
export function trustedProxies(setting: string) {
  const entries = setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (entries.length === 0) return proxyaddr.compile('loopback')
  try {
    return proxyaddr.compile(entries)
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES: ${(error as Error).message} (in "${setting}")`)
  }
}
