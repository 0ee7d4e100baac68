import { defineConfig } from '@adonisjs/auth'
import { sessionGuard } from '@adonisjs/auth/session'
import { tokensGuard } from '@adonisjs/auth/access_tokens'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'
import { TenantSessionUserProvider } from '#auth/tenant_session_user_provider'
import { TenantAccessTokensUserProvider } from '#auth/tenant_access_tokens_user_provider'

/*
| `web`: session cookie for the browser (scoped to the tenant chosen at login).
| `api`: hashed personal access tokens for the API and CLI.
| Both load users inside their tenant's row-level security.
*/
const authConfig = defineConfig({
  default: 'web',
  guards: {
    web: sessionGuard({
      useRememberMeTokens: false,
      provider: new TenantSessionUserProvider(),
    }),
    api: tokensGuard({
      provider: new TenantAccessTokensUserProvider(),
    }),
  },
})

export default authConfig

declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
