import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { Secret } from '@adonisjs/core/helpers'
import { defineConfig } from '@adonisjs/core/http'

/** Signs cookies and encrypts values; rotating it logs every user out. */
export const appKey = new Secret(env.get('APP_KEY'))

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  /*
   * X-Forwarded-For is believed only when the connection comes from this machine
   * (a reverse proxy on the host, or a test). Rate limits key on the client's
   * address: trusting every hop would let anyone pick theirs, trusting none would
   * put every client behind a proxy on one shared budget.
   */
  trustProxy: 'loopback',
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
