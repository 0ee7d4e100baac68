/*
| The console and workspace pages: Vue pages rendered on the server through
| Inertia. They read through props; they write through the JSON API.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SessionPagesController = () => import('#controllers/web/session_pages_controller')
const AdminDashboardController = () => import('#controllers/web/admin_dashboard_controller')
const AdminPagesController = () => import('#controllers/web/admin_pages_controller')
const AdminPluginPagesController = () => import('#controllers/web/admin_plugin_pages_controller')
const PlatformPagesController = () => import('#controllers/web/platform_pages_controller')
const WorkspaceController = () => import('#controllers/web/workspace_controller')
const AccountPagesController = () => import('#controllers/web/account_pages_controller')

const signedIn = () => [middleware.auth({ guards: ['web'] }), middleware.tenant()]

router.get('/', ({ response }) => response.redirect('/app'))
router.get('/login', [SessionPagesController, 'login']).use(middleware.guest())

const uuid = router.matchers.uuid()

router
  .group(() => {
    router.get('/', [WorkspaceController, 'home'])
    router.get('/projects/:id', [WorkspaceController, 'project']).where('id', uuid)
    router
      .get('/projects/:id/tabs/:plugin/:slug', [WorkspaceController, 'projectTab'])
      .where('id', uuid)
    router.get('/profile', [AccountPagesController, 'profile'])
    router.get('/tokens', [AccountPagesController, 'tokens'])
  })
  .prefix('/app')
  .use(signedIn())

router
  .group(() => {
    router.get('/', [AdminDashboardController, 'show'])
    router.get('/users', [AdminPagesController, 'users'])
    router.get('/projects', [AdminPagesController, 'projects'])
    router.get('/projects/:id', [AdminPagesController, 'project']).where('id', uuid)
    router.get('/audit', [AdminPagesController, 'audit'])
    router.get('/settings', [AdminPagesController, 'settings'])
    router.get('/plugins', [AdminPluginPagesController, 'index'])
    router.get('/plugins/:name', [AdminPluginPagesController, 'show'])
    router.get('/ext/:plugin/:slug', [AdminPluginPagesController, 'page'])
  })
  .prefix('/admin')
  .use([...signedIn(), middleware.admin()])

router.get('/platform/login', [PlatformPagesController, 'login'])
router.get('/platform', ({ response }) => response.redirect('/platform/tenants'))
router.get('/platform/tenants', [PlatformPagesController, 'tenants']).use(middleware.operator())
