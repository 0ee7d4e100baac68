import { test } from '@japa/runner'
import JSZip from 'jszip'
import { makeTenant } from '#tests/helpers/tenants'
import { fingerprint } from '#tests/helpers/tenant_world'
import { ingestAll, makeProject, upload } from './helpers.js'

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const fieldsOf = (response: any) => response.body().errors.map((error: any) => error.field)

const search = (client: any, token: string, q: string) =>
  client.get(`/api/v1/search?q=${encodeURIComponent(q)}&mode=fulltext`).bearerToken(token)

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * The smallest valid Word document: content types, the package relationship to the
 * main part, and word/document.xml with one paragraph per entry (a heading when
 * given a style: Word's built-in "Heading1" style id, which mammoth maps to <h1>).
 */
async function makeDocx(paragraphs: { text: string; style?: string }[]) {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
  const body = paragraphs
    .map(
      ({ text, style }) =>
        `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`
    )
    .join('')
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/word/document.xml" ContentType="${DOCX_MIME}.main+xml"/>` +
      '</Types>'
  )
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>'
  )
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

test.group('Word and HTML documents', () => {
  test('a Word document is accepted, its text extracted with its headings, and found by search', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('docx')
    const projectId = await makeProject(client, token)
    const docx = await makeDocx([
      { text: 'Cryogenic propellant handling', style: 'Heading1' },
      { text: 'Liquid oxygen boils off through the vent valve during loading.' },
      { text: 'Ground support', style: 'Heading2' },
      { text: 'Umbilical arms retract at ignition.' },
    ])
    const uploaded = await upload(client, token, projectId, docx, 'propellants.docx')
    uploaded.assertStatus(201)
    const item = uploaded.body().data
    assert.equal(item.type, 'docx')
    assert.equal(item.mimeType, DOCX_MIME)

    const shown = await client.get(`/api/v1/content/items/${item.id}`).bearerToken(token)
    const body: string = shown.body().data.body
    // Headings become Markdown headings, so the chunker splits the document on them.
    assert.include(body, '# Cryogenic propellant handling')
    assert.include(body, '## Ground support')
    assert.include(body, 'Liquid oxygen boils off through the vent valve during loading.')
    assert.notInclude(body, '<w:')

    const download = await client
      .get(`/api/v1/content/items/${item.id}/download`)
      .bearerToken(token)
    assert.equal(download.header('content-type'), DOCX_MIME)

    const edit = await client
      .patch(`/api/v1/content/items/${item.id}`)
      .bearerToken(token)
      .json({ body: 'plain text' })
    edit.assertStatus(422)

    await ingestAll()
    const found = await search(client, token, 'oxygen vent valve')
    found.assertStatus(200)
    assert.isAbove(found.body().data.length, 0)
    assert.equal(found.body().data[0].title, 'propellants.docx')
  })

  test('a ZIP that is not a Word document, or a file that is no ZIP at all: 422 naming the file, nothing stored', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('notdocx')
    const projectId = await makeProject(client, token)
    const plainZip = new JSZip()
    plainZip.file('notes.txt', 'Just a text file in a ZIP archive')
    const zipBytes = await plainZip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    const docx = await makeDocx([{ text: 'A real document, cut short' }])
    // Passes every check on the archive; mammoth then fails on the part itself.
    const broken = await JSZip.loadAsync(await makeDocx([{ text: 'Fine so far' }]))
    broken.file('word/document.xml', '<w:document><w:body><w:p>unclosed')
    const brokenDocx = await broken.generateAsync({ type: 'nodebuffer' })
    const before = await fingerprint(tenant.id)
    for (const [bytes, name, reason] of [
      [zipBytes, 'archive.docx', /not a word document|without a Word document/i],
      [Buffer.from('Just words, no archive'), 'words.docx', /not a ZIP archive/],
      [docx.subarray(0, docx.length - 30), 'cut.docx', /damaged/],
      [brokenDocx, 'broken.docx', /could not be read/],
    ] as const) {
      const response = await upload(client, token, projectId, bytes, name)
      assert.equal(response.status(), 422, `${name}: ${response.text()}`)
      assert.deepEqual(fieldsOf(response), ['file'])
      assert.match(response.body().errors[0].message, reason)
    }
    assert.deepEqual(await fingerprint(tenant.id), before)
  })

  test('a Word document that unpacks to more than 200 MB is refused naming the file, before mammoth reads it', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('docxbomb')
    const projectId = await makeProject(client, token)
    const bomb = await JSZip.loadAsync(await makeDocx([{ text: 'Small on the outside' }]))
    // Zeros deflate about a thousandfold: under 1 MB uploaded, 201 MB unpacked.
    bomb.file('word/media/padding.bin', Buffer.alloc(201 * 1024 * 1024))
    const bytes = await bomb.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 1 },
    })
    assert.isBelow(bytes.length, 2 * 1024 * 1024)
    const before = await fingerprint(tenant.id)
    const response = await upload(client, token, projectId, bytes, 'bomb.docx')
    assert.equal(response.status(), 422, response.text())
    assert.deepEqual(fieldsOf(response), ['file'])
    assert.match(response.body().errors[0].message, /unpacks to more than 200 MB/)
    assert.deepEqual(await fingerprint(tenant.id), before)
  }).timeout(30_000)

  test('an HTML page is accepted and its visible text searchable; its scripts and styles are not', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('html')
    const projectId = await makeProject(client, token)
    const page = `<!DOCTYPE html>
<html><head><title>Launch checklist</title>
<style>.hidden { color: turquoise; }</style>
<script>const secret = 'zanzibarquokka'; document.title = secret</script></head>
<body>
  <h1>Launch checklist</h1>
  <p>Confirm the <a href="https://example.com/range">range safety officer</a> is on station.</p>
  <h2>Weather</h2>
  <ul><li>Upper level winds within limits</li><li>No lightning within ten miles</li></ul>
  <script>window.trackingPixel = 'marmosetgazebo'</script>
  <noscript>enable javascript</noscript>
</body></html>`
    const uploaded = await upload(client, token, projectId, Buffer.from(page), 'checklist.html')
    uploaded.assertStatus(201)
    const item = uploaded.body().data
    assert.equal(item.type, 'html')
    assert.equal(item.mimeType, 'text/html')

    const shown = await client.get(`/api/v1/content/items/${item.id}`).bearerToken(token)
    const body: string = shown.body().data.body
    assert.include(body, '# Launch checklist')
    assert.include(body, '## Weather')
    assert.include(body, 'Confirm the range safety officer is on station.')
    assert.include(body, '- No lightning within ten miles')
    for (const hidden of ['zanzibarquokka', 'marmosetgazebo', 'turquoise', 'example.com', '<']) {
      assert.notInclude(body, hidden)
    }
    // The page itself is only ever handed out as an attachment, never rendered.
    const download = await client
      .get(`/api/v1/content/items/${item.id}/download`)
      .bearerToken(token)
    assert.match(download.header('content-disposition') ?? '', /^attachment;/)

    await ingestAll()
    const visible = await search(client, token, 'lightning miles')
    assert.isAbove(visible.body().data.length, 0)
    assert.equal(visible.body().data[0].title, 'checklist.html')
    for (const scriptWord of ['zanzibarquokka', 'marmosetgazebo']) {
      const hidden = await search(client, token, scriptWord)
      hidden.assertStatus(200)
      assert.lengthOf(hidden.body().data, 0, scriptWord)
    }
  })

  test('an .htm file is HTML too; a binary or text-only file named .html is refused naming the file', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('htm')
    const projectId = await makeProject(client, token)
    const htm = await upload(
      client,
      token,
      projectId,
      Buffer.from('<p>Telemetry downlink at S band</p>'),
      'downlink.htm'
    )
    htm.assertStatus(201)
    assert.equal(htm.body().data.type, 'html')

    const before = await fingerprint(tenant.id)
    for (const [bytes, name] of [
      [Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0xff]), 'binary.html'],
      [Buffer.from('No markup here at all'), 'plain.html'],
    ] as const) {
      const response = await upload(client, token, projectId, bytes, name)
      assert.equal(response.status(), 422, `${name}: ${response.text()}`)
      assert.deepEqual(fieldsOf(response), ['file'])
    }
    assert.deepEqual(await fingerprint(tenant.id), before)
  })
})
