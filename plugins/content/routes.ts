import type { Router } from '@adonisjs/core/http'
import { throttleUploads } from '#start/limiter'

const ContentController = () => import('./controllers/content_controller.js')
const VersionsController = () => import('./controllers/versions_controller.js')
const TagsController = () => import('./controllers/tags_controller.js')
const SearchController = () => import('./controllers/search_controller.js')
const StorageController = () => import('./controllers/storage_controller.js')
const EvaluationsController = () => import('./controllers/evaluations_controller.js')
const SearchConfigurationController = () =>
  import('./controllers/search_configuration_controller.js')

/** Mounted under /api/v1/content. */
export function contentRoutes(router: Router) {
  const uuid = router.matchers.uuid()
  router
    .group(() => {
      router.get('/search-configuration', [SearchConfigurationController, 'show'])
      router.put('/search-configuration', [SearchConfigurationController, 'update'])
      router.get('/evaluations', [EvaluationsController, 'index'])
      router.post('/evaluations', [EvaluationsController, 'store'])
      router.get('/evaluations/jobs/:id', [EvaluationsController, 'job']).where('id', uuid)
      router.get('/storage', [StorageController, 'index'])
      router.put('/storage/default', [StorageController, 'choose'])
      router.get('/items', [ContentController, 'index'])
      router.post('/items', [ContentController, 'store'])
      router.post('/uploads', [ContentController, 'upload']).use(throttleUploads)
      router.get('/items/:id', [ContentController, 'show'])
      router.get('/items/:id/download', [ContentController, 'download'])
      router.get('/items/:id/thumbnail', [ContentController, 'thumbnail'])
      router.patch('/items/:id', [ContentController, 'update'])
      router.delete('/items/:id', [ContentController, 'destroy'])
      router.post('/items/:id/restore', [ContentController, 'restore'])
      router.delete('/items/:id/permanent', [ContentController, 'permanent'])
      router.get('/items/:id/versions', [VersionsController, 'index'])
      router.get('/items/:id/diff', [VersionsController, 'diff'])
      router
        .post('/items/:id/versions/:version/restore', [VersionsController, 'restore'])
        .where('version', router.matchers.number())
      router.post('/items/:id/tags', [TagsController, 'attach'])
      router.delete('/items/:id/tags/:tagId', [TagsController, 'detach']).where('tagId', uuid)
      router.get('/projects/:projectId/summary', [ContentController, 'projectSummary'])
      router.get('/projects/:projectId/trash', [ContentController, 'trash'])
      router.get('/projects/:projectId/tags', [TagsController, 'index'])
      router.post('/projects/:projectId/tags', [TagsController, 'store'])
      router.patch('/tags/:id', [TagsController, 'update'])
      router.delete('/tags/:id', [TagsController, 'destroy'])
    })
    .where('id', uuid)
    .where('projectId', uuid)
}

/** Mounted at the API root: /api/v1/search. */
export function searchRoutes(router: Router) {
  router.get('/search', [SearchController, 'search'])
}
