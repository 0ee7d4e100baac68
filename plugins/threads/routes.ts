import type { Router } from '@adonisjs/core/http'
import { throttleGenerations } from '#start/limiter'

const ConnectionsController = () => import('./controllers/connections_controller.js')
const ModelsController = () => import('./controllers/models_controller.js')
const ThreadsController = () => import('./controllers/threads_controller.js')
const ThreadContentController = () => import('./controllers/thread_content_controller.js')
const MessagesController = () => import('./controllers/messages_controller.js')
const GenerationsController = () => import('./controllers/generations_controller.js')

/** Mounted under /api/v1/threads. */
export default function threadRoutes(router: Router) {
  const uuid = router.matchers.uuid()
  router
    .group(() => {
      // Model connections (tenant admins) and the models members pick from.
      router.get('/providers', [ConnectionsController, 'providers'])
      router.get('/connections', [ConnectionsController, 'index'])
      router.post('/connections', [ConnectionsController, 'store'])
      router.patch('/connections/:id', [ConnectionsController, 'update'])
      router.delete('/connections/:id', [ConnectionsController, 'destroy'])
      router.post('/connections/:id/test', [ConnectionsController, 'test'])
      router.post('/connections/:id/sync', [ModelsController, 'sync'])
      router.post('/connections/:id/models', [ModelsController, 'store'])
      router.get('/models', [ModelsController, 'index'])
      router.patch('/models/:id', [ModelsController, 'update'])
      router.delete('/models/:id', [ModelsController, 'destroy'])

      // Threads of a project, their tree and links.
      router.get('/projects/:projectId', [ThreadsController, 'index'])
      router.post('/projects/:projectId', [ThreadsController, 'store'])
      router.get('/:id', [ThreadsController, 'show'])
      router.patch('/:id', [ThreadsController, 'update'])
      router.delete('/:id', [ThreadsController, 'destroy'])
      router.post('/:id/move', [ThreadsController, 'move'])
      router.post('/:id/links', [ThreadsController, 'link'])
      router.delete('/:id/links/:otherId', [ThreadsController, 'unlink'])

      // The context a thread carries.
      router.get('/:id/context', [ThreadContentController, 'index'])
      router.post('/:id/context', [ThreadContentController, 'store'])
      router.post('/:id/context/tags', [ThreadContentController, 'addTag'])
      router.put('/:id/context/order', [ThreadContentController, 'reorder'])
      router.patch('/:id/context/:itemId', [ThreadContentController, 'update'])
      router.delete('/:id/context/:itemId', [ThreadContentController, 'destroy'])

      // Messages: the conversation tree, and what each answer was given.
      router.post('/:id/preview', [MessagesController, 'preview'])
      router.get('/:id/messages', [MessagesController, 'index'])
      router.post('/:id/messages', [MessagesController, 'store']).use(throttleGenerations)
      router.put('/:id/view', [MessagesController, 'view'])
      router
        .post('/messages/:messageId/regenerate', [MessagesController, 'regenerate'])
        .use(throttleGenerations)
      router.post('/messages/:messageId/edit', [MessagesController, 'edit']).use(throttleGenerations)
      router.post('/messages/:messageId/fork', [MessagesController, 'fork'])
      router.get('/messages/:messageId/context', [MessagesController, 'context'])

      // A generation (the answer being written): live deltas, abort.
      router.get('/messages/:messageId/stream', [GenerationsController, 'stream'])
      router.post('/messages/:messageId/abort', [GenerationsController, 'abort'])
    })
    .where('id', uuid)
    .where('projectId', uuid)
    .where('otherId', uuid)
    .where('itemId', uuid)
    .where('messageId', uuid)
}
