import { test } from '@japa/runner'
import { fillParams, paramsOf, pathFor } from '#tests/helpers/route_table'

/*
| The route walkers (route_isolation, bad_input) cover a new route only if they
| can fill its parameters; one they cannot fill must fail them, not be skipped.
*/
test.group('Route table', () => {
  test('an unknown path parameter is reported, so the walkers fail on a new route', ({
    assert,
  }) => {
    const route = { method: 'GET', pattern: '/api/v1/widgets/:widgetId', params: ['widgetId'] }
    assert.deepEqual(fillParams(route).unknown, ['widgetId'])
    assert.deepEqual(paramsOf('/files/*'), ['*'])
    assert.deepEqual(fillParams({ method: 'GET', pattern: '/files/*', params: ['*'] }).unknown, [
      '*',
    ])
  })

  test('a known parameter is filled with the id of the right kind', ({ assert }) => {
    const route = {
      method: 'DELETE',
      pattern: '/api/v1/projects/:projectId/members/:userId',
      params: ['projectId', 'userId'],
    }
    const { filled, unknown } = fillParams(route)
    assert.deepEqual(unknown, [])
    const world = { projectId: 'P', memberId: 'M' } as any
    const values = Object.fromEntries(filled.map((param) => [param.name, param.valueFor(world)!]))
    assert.equal(pathFor(route.pattern, values), '/api/v1/projects/P/members/M')
    // `:id` after /projects/ is a project, not the `:projectId` prefix confusion.
    const [id] = fillParams({
      method: 'GET',
      pattern: '/api/v1/content/projects/:projectId/tags',
      params: ['projectId'],
    }).filled
    assert.equal(id.valueFor(world), 'P')
  })
})
