import { test } from '@japa/runner'
import bodyParserConfig, {
  JSON_LIMIT_BYTES,
  LARGEST_FILE_BYTES,
  MULTIPART_LIMIT_BYTES,
} from '#config/bodyparser'
import {
  builtInContentTypes,
  MAX_TEXT_BYTES,
} from '../../plugins/content/services/content_types.js'
import {
  createContentValidator,
  updateContentValidator,
} from '../../plugins/content/validators/content.js'

const MB = 1024 * 1024
const largest = (limits: number[]) => Math.max(...limits)

test.group('Upload limits agree end to end', () => {
  test('the body parser streams the largest file any type accepts, and not much more', ({
    assert,
  }) => {
    const typeLimits = builtInContentTypes.map((type) => type.maxBytes)
    assert.isAbove(typeLimits.length, 0)
    assert.equal(LARGEST_FILE_BYTES, largest(typeLimits))
    assert.equal(bodyParserConfig.multipart.limit, MULTIPART_LIMIT_BYTES)
    assert.isAbove(MULTIPART_LIMIT_BYTES, LARGEST_FILE_BYTES)
    assert.isAtMost(MULTIPART_LIMIT_BYTES, LARGEST_FILE_BYTES + 2 * MB)
  })

  test('a text edited in the browser may be as large as an uploaded one', ({ assert }) => {
    const editable = builtInContentTypes.filter((type) => type.editable)
    assert.isAbove(editable.length, 0)
    assert.equal(MAX_TEXT_BYTES, largest(editable.map((type) => type.maxBytes)))
    // JSON escaping can double a text (every character a newline or a quote).
    assert.equal(bodyParserConfig.json.limit, JSON_LIMIT_BYTES)
    assert.isAbove(JSON_LIMIT_BYTES, 2 * MAX_TEXT_BYTES)
  })

  test('the create and edit validators accept exactly the largest editable text', async ({
    assert,
  }) => {
    const atLimit = 'x'.repeat(MAX_TEXT_BYTES)
    const projectId = '00000000-0000-4000-8000-000000000000'
    const create = { projectId, title: 'Big', type: 'markdown' }
    const [createError] = await createContentValidator.tryValidate({ ...create, body: atLimit })
    assert.isNull(createError)
    const [updateError] = await updateContentValidator.tryValidate({ body: atLimit })
    assert.isNull(updateError)

    const [overError] = await updateContentValidator.tryValidate({ body: `${atLimit}x` })
    assert.exists(overError)
    assert.equal((overError as any).messages[0].field, 'body')
  })
})

test.group('Built-in content types', () => {
  test('every file extension belongs to one type, so an upload finds its type whatever the order', ({
    assert,
  }) => {
    const owners = new Map<string, string[]>()
    for (const type of builtInContentTypes) {
      for (const extension of type.extensions) {
        owners.set(extension, [...(owners.get(extension) ?? []), type.key])
      }
    }
    assert.isAbove(owners.size, 0)
    const shared = [...owners].filter(([, keys]) => keys.length > 1)
    assert.deepEqual(shared, [])
    assert.deepEqual(owners.get('html'), ['html'])
    assert.deepEqual(owners.get('docx'), ['docx'])
  })
})
