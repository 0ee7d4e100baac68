import { test } from '@japa/runner'
import { withTenant } from '#tenancy/with_tenant'
import { makeTenant } from '#tests/helpers/tenants'
import { JSON_LIMIT_BYTES, MULTIPART_LIMIT_BYTES } from '#config/bodyparser'
import { MAX_TEXT_BYTES } from '../../plugins/content/services/content_types.js'
import { makeProject } from '../../plugins/content/tests/functional/helpers.js'

const MB = 1024 * 1024

async function itemCount(tenantId: string) {
  const [row] = await withTenant(tenantId, (trx) => trx.from('content_items').count('* as total'))
  return Number(row.total)
}

test.group('Upload limits', () => {
  test("a file over its type's limit is refused with a 413 naming the file, nothing written", async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('limits')
    const projectId = await makeProject(client, token)
    const fits = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.from('export const small = 1\n'), { filename: 'small.ts' })
    fits.assertStatus(201)

    // Source code may be 5 MB: 6 MB is under the body parser's limit but over the type's.
    const response = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.alloc(6 * MB, 'a'), { filename: 'huge.ts' })
    response.assertStatus(413)
    assert.equal(response.body().errors[0].field, 'file')
    assert.match(response.body().errors[0].message, /Source code may be at most 5\.0 MB/)
    assert.equal(await itemCount(tenant.id), 1)
  })

  test("an upload over the body parser's limit is cut off with a 413 naming the file", async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('toolarge')
    const projectId = await makeProject(client, token)
    const response = await client
      .post('/api/v1/content/uploads')
      .bearerToken(token)
      .field('projectId', projectId)
      .file('file', Buffer.alloc(MULTIPART_LIMIT_BYTES + MB, '%'), { filename: 'huge.pdf' })
    response.assertStatus(413)
    assert.deepEqual(
      response.body().errors.map((error: { field: string }) => error.field),
      ['file']
    )
    assert.equal(await itemCount(tenant.id), 0)
  })

  test('a text edited in the browser may be as large as an uploaded one', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('bigtext')
    const projectId = await makeProject(client, token)
    // Newlines double in JSON: this body is past the JSON limit AdonisJS ships with (1 MB).
    const created = await client
      .post('/api/v1/content/items')
      .bearerToken(token)
      .json({ projectId, title: 'Lines', type: 'markdown', body: 'line\n'.repeat(400_000) })
    created.assertStatus(201)
    const id = created.body().data.id

    const nearLimit = `# Big\n${'word \n'.repeat((MAX_TEXT_BYTES - 16) / 6)}`
    const edited = await client
      .patch(`/api/v1/content/items/${id}`)
      .bearerToken(token)
      .json({ body: nearLimit })
    edited.assertStatus(200)
    const [row] = await withTenant(tenant.id, (trx) =>
      trx.from('text_content').where('content_item_id', id).select('body')
    )
    assert.equal(row.body.length, nearLimit.length)
  })

  test('a JSON body over the limit is refused with a 413 naming the body', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('bigjson')
    const projectId = await makeProject(client, token)
    const response = await client
      .post('/api/v1/content/items')
      .bearerToken(token)
      .json({ projectId, title: 'Too big', type: 'text', body: 'x'.repeat(JSON_LIMIT_BYTES) })
    response.assertStatus(413)
    assert.equal(response.body().errors[0].field, 'body')
    assert.equal(await itemCount(tenant.id), 0)
  })
})
