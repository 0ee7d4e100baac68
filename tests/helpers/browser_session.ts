import env from '#start/env'

/**
 * A minimal cookie-keeping HTTP client that behaves like a browser toward the
 * API: it keeps cookies and echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN.
 */
export class BrowserSession {
  #cookies = new Map<string, string>()
  #base = `http://${env.get('HOST')}:${env.get('PORT')}`

  async request(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    }
    const xsrf = this.#cookies.get('XSRF-TOKEN')
    if (xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf)
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const separator = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, separator), pair.slice(separator + 1))
    }
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null }
  }
}
