import { defineConfig } from '@adonisjs/shield'
import env from '#start/env'
import { hasVerifiedBearer } from '#auth/verified_bearer'

const shieldConfig = defineConfig({
  /**
   * Content-Security-Policy: scripts only from this origin and only with the
   * per-response nonce (`@nonce`) the layout puts on the Vite tags
   * (resources/views/inertia_layout.edge), so injected markup cannot run script.
   * Styles may be inline: the component library (Nuxt UI, Reka UI) writes <style>
   * elements at run time (theme colours, resize cursors) without a nonce. A style
   * cannot run script, and a nonce would silence 'unsafe-inline', so style-src has no
   * nonce. Images may come from https (a workspace's logo URL). Vite's dev client reads
   * the nonce from the csp-nonce meta tag for the styles it injects, Inertia's
   * progress bar gets it in resources/js/app.ts; outside production, Vite's HMR
   * websocket listens on a port of its own (ws:).
   */
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`, '@nonce'],
      styleSrc: [`'self'`, `'unsafe-inline'`],
      imgSrc: [`'self'`, 'data:', 'blob:', 'https:'],
      fontSrc: [`'self'`, 'data:'],
      connectSrc: env.get('NODE_ENV') === 'production' ? [`'self'`] : [`'self'`, 'ws:'],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
    },
    reportOnly: false,
  },

  /**
   * Configure CSRF protection options. Refer documentation
   * to learn more
   */
  csrf: {
    enabled: true,
    /*
     * Skipped only for a request whose bearer token verified before shield ran
     * (#middleware/bearer_token_middleware), never for the header alone, and for
     * the credentials-in-the-body token exchange, which no session can ride on.
     */
    exceptRoutes: (ctx) => hasVerifiedBearer(ctx) || ctx.request.url() === '/api/v1/auth/tokens',
    enableXsrfCookie: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },

  /**
   * Control how your website should be embedded inside
   * iFrames
   */
  xFrame: {
    enabled: true,
    action: 'DENY',
  },

  /**
   * Force browser to always use HTTPS
   */
  hsts: {
    enabled: true,
    maxAge: '180 days',
  },

  /**
   * Disable browsers from sniffing the content type of a
   * response and always rely on the "content-type" header.
   */
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
