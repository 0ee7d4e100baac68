import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'

/*
| The sample npm plugin is type-checked against the contract the host
| publishes (`contextnexus/plugin`): tests/fixtures/plugin-sample/tsconfig.json
| checks its JavaScript with the types of its index.d.ts.
*/
const tsc = (project: string) =>
  promisify(execFile)(
    process.execPath,
    [app.makePath('node_modules/typescript/bin/tsc'), '-p', project],
    { cwd: app.makePath() }
  ).then(
    () => ({ ok: true, output: '' }),
    (error: { stdout: string }) => ({ ok: false, output: error.stdout })
  )

const sampleProject = () => app.makePath('tests/fixtures/plugin-sample/tsconfig.json')

test.group('Published plugin contract types', () => {
  test('the sample npm plugin compiles against contextnexus/plugin', async ({ assert }) => {
    const result = await tsc(sampleProject())
    assert.isTrue(result.ok, result.output)
  }).timeout(60_000)

  test('a plugin that breaks the contract fails that check', async ({ assert, cleanup }) => {
    await mkdir(app.makePath('tmp'), { recursive: true })
    const dir = await mkdtemp(join(app.makePath('tmp'), 'contract-types-'))
    cleanup(() => rm(dir, { recursive: true, force: true }))
    await writeFile(
      join(dir, 'broken.js'),
      `/** @type {import('contextnexus/plugin').PluginDefinition} */
export default {
  name: 'broken',
  version: '1.0.0',
  apiVersion: 2,
  boot({ contribute }) {
    contribute('console.pages', { slug: 'x', title: 42 })
  },
}
`
    )
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(dir, sampleProject()),
        include: [],
        files: ['./broken.js'],
      })
    )
    const result = await tsc(join(dir, 'tsconfig.json'))
    assert.isFalse(result.ok)
    assert.match(result.output, /broken\.js\(\d+,\d+\): error TS\d+/)
  }).timeout(60_000)
})
