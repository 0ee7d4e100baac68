import { randomInt } from 'node:crypto'
import env from '#start/env'
import { PASSWORD } from '#tests/helpers/tenants'

const base = () => `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * A cookie jar that, unlike the browser helper, lets a test choose every header:
 * whether to echo the XSRF token, add an Authorization header or claim a client
 * address through X-Forwarded-For (trusted only from loopback, see config/app.ts).
 */
export class CookieClient {
  cookies = new Map<string, string>()

  async send(
    method: string,
    path: string,
    options: { body?: unknown; xsrf?: boolean; headers?: Record<string, string> } = {}
  ) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      ...options.headers,
    }
    const xsrf = this.cookies.get('XSRF-TOKEN')
    if (options.xsrf !== false && xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf)
    if (options.body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${base()}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: 'manual',
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const separator = pair.indexOf('=')
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1))
    }
    const text = await response.text()
    const isJson = response.headers.get('content-type')?.includes('json')
    return { status: response.status, body: text && isJson ? JSON.parse(text) : text }
  }

  /** Signs in with a session cookie, as the login page does. */
  async signIn(workspace: string, email: string, password = PASSWORD, ip?: string) {
    const headers = ip ? { 'x-forwarded-for': ip } : undefined
    await this.send('GET', '/health', { headers })
    return this.send('POST', '/api/v1/auth/login', {
      body: { workspace, email, password },
      headers,
    })
  }
}

/** A documentation-range address (RFC 5737), fresh per test so runs never share counters. */
export const someIp = () => `198.51.100.${randomInt(1, 254)}`
