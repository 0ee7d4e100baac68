import env from '#start/env'
import { PASSWORD } from '#tests/helpers/tenants'

/**
 * A minimal cookie-keeping HTTP client that behaves like a browser toward the
 * API: it keeps cookies and echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN.
 */
export class BrowserSession {
  #cookies = new Map<string, string>()
  #base = `http://${env.get('HOST')}:${env.get('PORT')}`

  /** Signs in as the login page does (session cookie, XSRF); throws unless it succeeds. */
  async signIn(workspace: string, email: string, password = PASSWORD) {
    await this.page('/login')
    const login = await this.request('POST', '/api/v1/auth/login', { workspace, email, password })
    if (login.status !== 200) throw new Error(`sign-in as ${email} answered ${login.status}`)
    return this
  }

  /** Sets a cookie as the page's own script would (e.g. the colour mode). */
  setCookie(name: string, value: string) {
    this.#cookies.set(name, value)
    return this
  }

  /** A page as a client without JavaScript receives it. */
  async page(path: string) {
    const response = await fetch(`${this.#base}${path}`, {
      headers: { accept: 'text/html', cookie: this.#cookieHeader() },
      redirect: 'manual',
    })
    this.#remember(response)
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    }
  }

  /** Opens a server-sent-events stream; `next()` resolves with the next `data:` payload. */
  async eventStream(path: string) {
    const abort = new AbortController()
    const response = await fetch(`${this.#base}${path}`, {
      headers: { accept: 'text/event-stream', cookie: this.#cookieHeader() },
      signal: abort.signal,
    })
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    const next = async (): Promise<any> => {
      for (;;) {
        const match = buffer.match(/data: (.*)\n/)
        if (match) {
          buffer = buffer.slice(match.index! + match[0].length)
          return JSON.parse(match[1])
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('the event stream closed')
        buffer += value
      }
    }
    return { status: response.status, next, close: () => abort.abort() }
  }

  #remember(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const separator = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, separator), pair.slice(separator + 1))
    }
  }

  #cookieHeader() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

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
    this.#remember(response)
    const text = await response.text()
    const isJson = response.headers.get('content-type')?.includes('json')
    return { status: response.status, body: text && isJson ? JSON.parse(text) : text }
  }
}
