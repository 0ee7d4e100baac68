import { test } from '@japa/runner'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import {
  OPTIONAL_PLUGIN_ENTRIES,
  PLUGIN_FILES,
  PLUGIN_FOLDERS,
  pluginFiles,
} from '#plugins_core/scaffold'

/** What is wrong with the plugin folder at `root` (empty when it has the standard shape). */
async function shapeProblems(root: string) {
  const problems: string[] = []
  const entries = await readdir(root)
  for (const file of PLUGIN_FILES) {
    if (!entries.includes(file)) problems.push(`${file} is missing`)
  }
  for (const folder of PLUGIN_FOLDERS) {
    if (!entries.includes(folder)) {
      problems.push(`${folder}/ is missing`)
    } else if (!(await stat(join(root, folder))).isDirectory()) {
      problems.push(`${folder} is not a folder`)
    } else if ((await readdir(join(root, folder))).length === 0) {
      problems.push(`${folder}/ is empty: keep it with a .gitkeep`)
    }
  }
  const known = new Set([...PLUGIN_FILES, ...PLUGIN_FOLDERS, ...OPTIONAL_PLUGIN_ENTRIES])
  for (const entry of entries) {
    if (!known.has(entry)) problems.push(`${entry} is not part of the plugin shape`)
  }
  return problems
}

test.group('Plugin folder shape', () => {
  test('every folder under plugins/ has the standard shape', async ({ assert }) => {
    const pluginsRoot = app.makePath('plugins')
    const folders = (await readdir(pluginsRoot, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    assert.includeMembers(folders, ['content', 'storage-s3'])
    for (const name of folders) {
      assert.deepEqual(await shapeProblems(join(pluginsRoot, name)), [], `plugins/${name}`)
    }
  })

  test('the check fails on a foreign shape', async ({ assert }) => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const root = await mkdtemp(join(tmpdir(), 'plugin-shape-'))
    try {
      await writeFile(join(root, 'plugin.ts'), '')
      await mkdir(join(root, 'lib'))
      await mkdir(join(root, 'services'))
      const problems = await shapeProblems(root)
      assert.include(problems, 'routes.ts is missing')
      assert.include(problems, 'controllers/ is missing')
      assert.include(problems, 'services/ is empty: keep it with a .gitkeep')
      assert.include(problems, 'lib is not part of the plugin shape')
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  test('make:plugin scaffolds exactly that shape', ({ assert }) => {
    const topLevel = new Set(Object.keys(pluginFiles('notes')).map((path) => path.split('/')[0]))
    assert.sameMembers([...topLevel], [...PLUGIN_FILES, ...PLUGIN_FOLDERS])
  })
})
