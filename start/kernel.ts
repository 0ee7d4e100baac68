/*
| HTTP kernel: the middleware every request passes through, and the named
| middleware routes opt into.
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/force_json_response_middleware'),
  () => import('@adonisjs/static/static_middleware'),
  () => import('@adonisjs/vite/vite_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  // Right after the body parser: NUL bytes and lone surrogates anywhere in the request → 422.
  () => import('#middleware/input_guard_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  // Before shield: only a bearer token that verifies exempts a request from CSRF.
  () => import('#middleware/bearer_token_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/inertia_middleware'),
])

export const middleware = router.named({
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  tenant: () => import('#middleware/tenant_context_middleware'),
  pluginEnabled: () => import('#middleware/plugin_enabled_middleware'),
  operator: () => import('#middleware/operator_middleware'),
  admin: () => import('#middleware/admin_middleware'),
})
