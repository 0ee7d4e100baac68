import { Transmit } from '@adonisjs/transmit-client'
import { xsrfToken } from '~/lib/api'

let client: Transmit | null = null

/** The page's server-sent-events client (browser only); subscriptions carry the XSRF token. */
export function liveClient() {
  client ??= new Transmit({
    baseUrl: window.location.origin,
    beforeSubscribe: (request) => request.headers.set('x-xsrf-token', xsrfToken()),
    beforeUnsubscribe: (request) => request.headers.set('x-xsrf-token', xsrfToken()),
  })
  return client
}
