import { test } from '@japa/runner'
import sharp from 'sharp'
import env from '#start/env'
import { makeTenant } from '#tests/helpers/tenants'
import { fingerprint } from '#tests/helpers/tenant_world'
import { withTenant } from '#tenancy/with_tenant'
import { ingestAll, makePdf, makeProject, upload } from './helpers.js'

test.group('PDF, image and code files', () => {
  test('a PDF keeps its bytes, gets its text extracted and becomes searchable', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('pdf')
    const projectId = await makeProject(client, token)
    const pdf = makePdf('Nozzle erosion in solid rocket motors')
    const uploaded = await upload(client, token, projectId, pdf, 'nozzles.pdf')
    uploaded.assertStatus(201)
    const item = uploaded.body().data
    assert.equal(item.type, 'pdf')
    assert.equal(item.mimeType, 'application/pdf')
    assert.equal(item.metadata.pages, 1)

    const shown = await client.get(`/api/v1/content/items/${item.id}`).bearerToken(token)
    assert.include(shown.body().data.body, 'Nozzle erosion in solid rocket motors')
    const download = await client
      .get(`/api/v1/content/items/${item.id}/download`)
      .bearerToken(token)
    assert.equal(download.header('content-type'), 'application/pdf')

    await ingestAll()
    const found = await client
      .get('/api/v1/search?q=nozzle%20erosion&mode=fulltext')
      .bearerToken(token)
    assert.equal(found.body().data[0]?.title, 'nozzles.pdf')

    const edit = await client
      .patch(`/api/v1/content/items/${item.id}`)
      .bearerToken(token)
      .json({ body: 'text' })
    edit.assertStatus(422)
    assert.match(edit.body().errors[0].message, /cannot be edited as text/)

    const fake = await upload(client, token, projectId, Buffer.from('just text'), 'fake.pdf')
    fake.assertStatus(422)
    assert.match(fake.body().errors[0].message, /PDF header/)
  })

  test('an image keeps its size and format and gets a thumbnail; a mislabelled one is refused', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('image')
    const projectId = await makeProject(client, token)
    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#336699' },
    })
      .png()
      .toBuffer()
    const uploaded = await upload(client, token, projectId, png, 'diagram.png')
    uploaded.assertStatus(201)
    const item = uploaded.body().data
    assert.equal(item.type, 'image')
    assert.equal(item.mimeType, 'image/png')
    assert.deepEqual(item.metadata, { width: 640, height: 480, format: 'png' })
    assert.isTrue(item.hasThumbnail)

    const thumbnail = await fetch(
      `http://${env.get('HOST')}:${env.get('PORT')}/api/v1/content/items/${item.id}/thumbnail`,
      { headers: { authorization: `Bearer ${token}` } }
    )
    assert.equal(thumbnail.status, 200)
    assert.equal(thumbnail.headers.get('content-type'), 'image/webp')
    const { width, height } = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()
    assert.deepEqual({ width, height }, { width: 320, height: 240 })

    const mislabelled = await upload(client, token, projectId, png, 'photo.jpg')
    mislabelled.assertStatus(422)
    assert.match(mislabelled.body().errors[0].message, /its bytes are PNG, not \.jpg/)
  })

  test('a damaged image or PDF that passes the magic bytes, or a too long file name: 422 naming the file, nothing stored', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('damaged')
    const projectId = await makeProject(client, token)
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#336699' },
    })
      .png()
      .toBuffer()
    // The header (and so the size) is intact; the pixel data is cut off.
    const truncatedPng = png.subarray(0, 40)
    const garbledJpeg = Buffer.concat([
      (await sharp(png).jpeg().toBuffer()).subarray(0, 200),
      Buffer.alloc(200, 0x41),
    ])
    const pdf = makePdf('Half a document')
    const truncatedPdf = pdf.subarray(0, 60)
    const before = await fingerprint(tenant.id)
    for (const [bytes, name] of [
      [truncatedPng, 'cut.png'],
      [garbledJpeg, 'garbled.jpg'],
      [truncatedPdf, 'cut.pdf'],
    ] as const) {
      const response = await upload(client, token, projectId, bytes, name)
      assert.equal(response.status(), 422, `${name}: ${response.text()}`)
      assert.deepEqual(
        response.body().errors.map((error: any) => error.field),
        ['file']
      )
    }
    const longName = await upload(client, token, projectId, png, `${'n'.repeat(600)}.png`)
    longName.assertStatus(422)
    assert.deepEqual(
      longName.body().errors.map((error: any) => error.field),
      ['file']
    )
    assert.deepEqual(await fingerprint(tenant.id), before)
  })

  test('the same file uploaded twice is stored once in PostgreSQL; both items serve it', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('twice')
    const projectId = await makeProject(client, token)
    const png = await sharp({
      create: { width: 200, height: 100, channels: 3, background: '#993366' },
    })
      .png()
      .toBuffer()
    const first = await upload(client, token, projectId, png, 'one.png')
    const second = await upload(client, token, projectId, png, 'two.png')
    first.assertStatus(201)
    second.assertStatus(201)
    assert.equal(first.body().data.sha256, second.body().data.sha256)
    await withTenant(tenant.id, async (trx) => {
      const blobs = await trx.from('content_blobs').where('sha256', first.body().data.sha256)
      assert.lengthOf(blobs, 1)
      assert.isTrue(Buffer.from(blobs[0].bytes).equals(png))
    })
    for (const response of [first, second]) {
      const download = await fetch(
        `http://${env.get('HOST')}:${env.get('PORT')}/api/v1/content/items/${response.body().data.id}/download`,
        { headers: { authorization: `Bearer ${token}` } }
      )
      assert.equal(download.status, 200)
      assert.isTrue(Buffer.from(await download.arrayBuffer()).equals(png))
    }
  })

  test('code comes with highlighted HTML', async ({ client, assert }) => {
    const { token } = await makeTenant('highlight')
    const projectId = await makeProject(client, token)
    const uploaded = await upload(
      client,
      token,
      projectId,
      Buffer.from('def lift(cl, rho):\n    return cl * rho  # <b>\n'),
      'lift.py'
    )
    const shown = await client
      .get(`/api/v1/content/items/${uploaded.body().data.id}`)
      .bearerToken(token)
    const html: string = shown.body().data.highlightedHtml
    assert.include(html, '<span class="hljs-keyword">def</span>')
    assert.include(html, '&lt;b&gt;')
    assert.equal(shown.body().data.language, 'python')
  })
})
