/*
| Core routes. Plugin routes are mounted by the plugin registry under
| /api/v1/<plugin>, behind the same authentication and tenant middleware.
*/
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import { middleware } from '#start/kernel'
import { throttleTokenCreation, throttleTokenIssue } from '#start/limiter'
import transmit from '@adonisjs/transmit/services/main'
import { transmitInputGuard } from '#start/transmit'

const HealthController = () => import('#controllers/health_controller')
const TenantController = () => import('#controllers/tenant_controller')
const SessionController = () => import('#controllers/session_controller')
const AccessTokensController = () => import('#controllers/access_tokens_controller')
const MeController = () => import('#controllers/me_controller')
const ProgramsController = () => import('#controllers/programs_controller')
const ProjectsController = () => import('#controllers/projects_controller')
const MembershipsController = () => import('#controllers/memberships_controller')
const UsersController = () => import('#controllers/users_controller')
const AuditLogController = () => import('#controllers/audit_log_controller')
const PluginsController = () => import('#controllers/plugins_controller')
const TenantsController = () => import('#controllers/platform/tenants_controller')
const PaletteController = () => import('#controllers/palette_controller')
const OperatorSessionController = () => import('#controllers/platform/operator_session_controller')

const uuid = router.matchers.uuid()
/* `plugin` names the plugin owning the routes, for access tokens limited to one plugin. */
const authenticated = (plugin?: string) => [
  middleware.auth({ guards: ['api', 'web'], plugin }),
  middleware.tenant(),
]

router.get('/health', [HealthController, 'show'])

/* Server-sent events: /__transmit/events, /__transmit/subscribe, /__transmit/unsubscribe */
transmit.registerRoutes((route) => route.use(transmitInputGuard))

await import('#start/web_routes')

router
  .group(() => {
    router.post('/auth/login', [SessionController, 'store'])
    router.post('/auth/logout', [SessionController, 'destroy'])
    router.post('/auth/tokens', [AccessTokensController, 'issue']).use(throttleTokenIssue)

    router
      .group(() => {
        router.get('/me', [MeController, 'show'])
        router.patch('/me', [MeController, 'update'])
        router.get('/me/tokens', [AccessTokensController, 'index'])
        router.post('/me/tokens', [AccessTokensController, 'store']).use(throttleTokenCreation)
        router.delete('/me/tokens/:id', [AccessTokensController, 'destroy']).where('id', uuid)
        router.get('/palette', [PaletteController, 'index'])

        router
          .group(() => {
            router.get('/programs', [ProgramsController, 'index'])
            router.post('/programs', [ProgramsController, 'store'])
            router.get('/programs/:id', [ProgramsController, 'show'])
            router.patch('/programs/:id', [ProgramsController, 'update'])
            router.post('/programs/:id/archive', [ProgramsController, 'archive'])
            router.post('/programs/:id/unarchive', [ProgramsController, 'unarchive'])
            router.delete('/programs/:id', [ProgramsController, 'destroy'])

            router.get('/projects', [ProjectsController, 'index'])
            router.post('/projects', [ProjectsController, 'store'])
            router.get('/projects/:id', [ProjectsController, 'show'])
            router.patch('/projects/:id', [ProjectsController, 'update'])
            router.post('/projects/:id/archive', [ProjectsController, 'archive'])
            router.post('/projects/:id/unarchive', [ProjectsController, 'unarchive'])
            router.delete('/projects/:id', [ProjectsController, 'destroy'])

            router.get('/projects/:projectId/members', [MembershipsController, 'index'])
            router.post('/projects/:projectId/members', [MembershipsController, 'store'])
            router.patch('/projects/:projectId/members/:userId', [MembershipsController, 'update'])
            router.delete('/projects/:projectId/members/:userId', [
              MembershipsController,
              'destroy',
            ])

            router.get('/users', [UsersController, 'index'])
            router.post('/users', [UsersController, 'store'])
            router.get('/users/:id', [UsersController, 'show'])
            router.patch('/users/:id', [UsersController, 'update'])
            router.post('/users/:id/deactivate', [UsersController, 'deactivate'])
            router.post('/users/:id/reactivate', [UsersController, 'reactivate'])

            router.get('/audit-log', [AuditLogController, 'index'])

            router.get('/tenant', [TenantController, 'show'])
            router.patch('/tenant', [TenantController, 'update'])

            router.get('/plugins', [PluginsController, 'index'])
            router.put('/plugins/:name', [PluginsController, 'update'])
          })
          .where('id', uuid)
          .where('projectId', uuid)
          .where('userId', uuid)
      })
      .use(authenticated())

    router.post('/platform/session', [OperatorSessionController, 'store'])
    router.delete('/platform/session', [OperatorSessionController, 'destroy'])

    router
      .group(() => {
        router.get('/tenants', [TenantsController, 'index'])
        router.post('/tenants', [TenantsController, 'store'])
        router.post('/tenants/:id/deactivate', [TenantsController, 'deactivate']).where('id', uuid)
        router.post('/tenants/:id/activate', [TenantsController, 'activate']).where('id', uuid)
      })
      .prefix('/platform')
      .use(middleware.operator())
  })
  .prefix('/api/v1')

const registry = await app.container.make(PluginRegistry)
registry.mountRoutes(router, (plugin) => [
  ...authenticated(plugin),
  middleware.pluginEnabled({ plugin }),
])
