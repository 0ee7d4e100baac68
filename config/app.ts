import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'
import { trustedProxies } from '#services/trusted_proxies'

/** Signs cookies and encrypts values; rotating it logs every user out. */
export const appKey = new Secret(env.get('APP_KEY'))

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  /*
   * X-Forwarded-For is believed only from the proxies TRUSTED_PROXIES names
   * (default: this machine — a reverse proxy on the host, or a test). Rate limits
   * key on the client's address: trusting every hop would let anyone pick theirs,
   * trusting none would put every client behind a proxy on one shared budget.
   */
  trustProxy: trustedProxies(env.get('TRUSTED_PROXIES', 'loopback')),
  useAsyncLocalStorage: false,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
