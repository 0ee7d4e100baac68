import { test } from '@japa/runner'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bufferSource, fileSource, isFileSource } from '../../services/content_source.js'

const checksum = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

test.group('Content sources', (group) => {
  let directory: string
  group.setup(async () => {
    directory = await mkdtemp(join(tmpdir(), 'cnx-source-'))
    return () => rm(directory, { recursive: true, force: true })
  })

  test('a file source knows its size and checksum and reads its head without the rest', async ({
    assert,
  }) => {
    const bytes = randomBytes(300_000)
    const path = join(directory, 'random.bin')
    await writeFile(path, bytes)
    const source = await fileSource(path)
    assert.isTrue(isFileSource(source))
    assert.equal(source.path, path)
    assert.equal(source.size, bytes.length)
    assert.equal(source.sha256, checksum(bytes))
    assert.deepEqual(await source.head(12), bytes.subarray(0, 12))
    assert.lengthOf(await source.head(1_000_000), bytes.length, 'a head longer than the file')
    const whole = await source.readAll()
    assert.isTrue(whole.equals(bytes))
    assert.strictEqual(await source.readAll(), whole, 'read once and kept')
  })

  test('an empty file is a source of no bytes', async ({ assert }) => {
    const path = join(directory, 'empty.txt')
    await writeFile(path, '')
    const source = await fileSource(path)
    assert.equal(source.size, 0)
    assert.equal(source.sha256, checksum(Buffer.alloc(0)))
    assert.lengthOf(await source.head(8), 0)
  })

  test('a buffer source has no file and gives back its bytes', async ({ assert }) => {
    const bytes = Buffer.from('# A note typed in the browser\n')
    const source = bufferSource(bytes)
    assert.isFalse(isFileSource(source))
    assert.equal(source.size, bytes.length)
    assert.equal(source.sha256, checksum(bytes))
    assert.equal((await source.head(3)).toString(), '# A')
    assert.isTrue((await source.readAll()).equals(bytes))
  })
})
