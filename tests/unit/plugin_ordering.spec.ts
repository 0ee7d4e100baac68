import { test } from '@japa/runner'
import { orderByRequirements, validateManifest } from '#plugins_core/ordering'
import { PLUGIN_API_VERSION, type PluginDefinition } from '#plugins_core/contract'

const plugin = (name: string, requires: string[] = []) => ({
  definition: {
    name,
    version: '1.0.0',
    apiVersion: PLUGIN_API_VERSION,
    requires,
  } as PluginDefinition,
})

test.group('Plugin ordering', () => {
  test('places each plugin after the plugins it requires', ({ assert }) => {
    const ordered = orderByRequirements([
      plugin('threads', ['content']),
      plugin('graph', ['threads', 'content']),
      plugin('content'),
    ])
    assert.deepEqual(
      ordered.map((entry) => entry.definition.name),
      ['content', 'threads', 'graph']
    )
  })

  test('names the plugin whose requirement is missing', ({ assert }) => {
    assert.throws(
      () => orderByRequirements([plugin('threads', ['content'])]),
      'Plugin "threads": requires "content", which is not installed'
    )
  })

  test('names the cycle', ({ assert }) => {
    assert.throws(
      () => orderByRequirements([plugin('a', ['b']), plugin('b', ['c']), plugin('c', ['a'])]),
      'Plugin "a": requirements form a cycle: a -> b -> c -> a'
    )
  })

  test('refuses an incompatible apiVersion', ({ assert }) => {
    assert.throws(
      () => validateManifest({ name: 'old', version: '1.0.0', apiVersion: 0 }, 'old'),
      /Plugin "old": written for plugin API version 0/
    )
  })

  test('refuses a malformed name', ({ assert }) => {
    assert.throws(
      () => validateManifest({ name: 'Bad Name', version: '1', apiVersion: 1 }, 'x'),
      /lower-case letters/
    )
  })
})
