import { defineConfig } from '@adonisjs/shield'
import { hasVerifiedBearer } from '#auth/verified_bearer'

const shieldConfig = defineConfig({
  /**
   * Configure CSP policies for your app. Refer documentation
   * to learn more
   */
  csp: {
    enabled: false,
    directives: {},
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
