/*
| The console and workspace pages: Vue pages rendered on the server through
| Inertia. They read through props; they write through the JSON API.
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SessionPagesController = () => import('#controllers/web/session_pages_controller')
const AdminDashboardController = () => import('#controllers/web/admin_dashboard_controller')

const signedIn = () => [middleware.auth({ guards: ['web'] }), middleware.tenant()]

router.get('/', ({ response }) => response.redirect('/app'))
router.get('/login', [SessionPagesController, 'login']).use(middleware.guest())

router
  .group(() => {
    router.get('/', [AdminDashboardController, 'show'])
  })
  .prefix('/admin')
  .use([...signedIn(), middleware.admin()])
