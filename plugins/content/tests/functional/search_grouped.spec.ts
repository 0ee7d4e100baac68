import { test } from '@japa/runner'
import sharp from 'sharp'
import { makeTenant } from '#tests/helpers/tenants'
import { addText, ingestAll, makeProject, upload } from './helpers.js'

const MODES = ['hybrid', 'fulltext', 'semantic', 'title', 'fuzzy']

/** A long markdown document: every section mentions the compressor, so many chunks match. */
const manual = Array.from(
  { length: 8 },
  (_, index) =>
    `## Section ${index + 1}\n\n` +
    `Compressor maintenance step ${index + 1}: inspect the blades, torque the casing bolts ` +
    `and record the vibration level. ${'Routine words about the workshop and its tools. '.repeat(30)}`
).join('\n\n')

test.group('Search grouped by item', (group) => {
  let token: string
  let projectId: string
  group.setup(async () => {
    ;({ token } = await makeTenant('grouped'))
  })

  let seeded: Promise<void> | undefined
  const seed = (client: any) =>
    (seeded ??= (async () => {
      projectId = await makeProject(client, token, 'Grouped')
      await addText(client, token, projectId, 'Compressor manual', manual)
      await addText(
        client,
        token,
        projectId,
        'Stall memo',
        'A short memo on compressor stall at low speed.',
        'text'
      )
      await addText(client, token, projectId, 'Garden', 'Tomatoes grow well in the sun.', 'text')
      await ingestAll()
    })())

  test('one row per item with its best passages, their chunk ids and offsets', async ({
    client,
    assert,
  }) => {
    await seed(client)
    const response = await client
      .get('/api/v1/search?q=compressor%20blades&mode=fulltext')
      .bearerToken(token)
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.containsSubset(meta, { mode: 'fulltext', group: 'item', total: 2, totalIsExact: true })
    assert.deepEqual(
      data.map((hit: any) => hit.title),
      ['Compressor manual', 'Stall memo']
    )
    const [manualHit] = data
    assert.equal(new Set(data.map((hit: any) => hit.itemId)).size, data.length)
    assert.isAbove(manualHit.matchingPassages, 3)
    assert.lengthOf(manualHit.passages, 3)
    const scores = manualHit.passages.map((passage: any) => passage.score)
    assert.deepEqual(
      scores,
      [...scores].sort((a: number, b: number) => b - a)
    )
    assert.equal(manualHit.score, scores[0])

    // The offsets point into the item's text at the passage, to scroll to it.
    const item = await client.get(`/api/v1/content/items/${manualHit.itemId}`).bearerToken(token)
    for (const passage of manualHit.passages) {
      assert.isString(passage.chunkId)
      assert.include(passage.snippet, '<mark>')
      const text = item.body().data.body.slice(passage.startOffset, passage.endOffset)
      assert.include(text.toLowerCase(), 'compressor')
    }
  })

  test('pages by items, with the number of items found', async ({ client, assert }) => {
    await seed(client)
    const page = (number: number) =>
      client
        .get(`/api/v1/search?q=compressor&mode=hybrid&perPage=1&page=${number}`)
        .bearerToken(token)
    const first = await page(1)
    const second = await page(2)
    const third = await page(3)
    assert.containsSubset(first.body().meta, { total: 2, lastPage: 2, page: 1, perPage: 1 })
    assert.lengthOf(first.body().data, 1)
    assert.lengthOf(second.body().data, 1)
    assert.notEqual(first.body().data[0].itemId, second.body().data[0].itemId)
    assert.deepEqual(third.body().data, [])
  })

  test('a nonsense query finds nothing in every mode; a real one still finds its item', async ({
    client,
    assert,
  }) => {
    await seed(client)
    for (const mode of MODES) {
      const nonsense = await client
        .get(`/api/v1/search?q=xqzvv%20blorptangle&mode=${mode}`)
        .bearerToken(token)
      nonsense.assertStatus(200)
      assert.deepEqual(nonsense.body().data, [], `${mode} found something for nonsense`)
      assert.equal(nonsense.body().meta.total, 0, mode)
      const flat = await client
        .get(`/api/v1/search?q=xqzvv%20blorptangle&mode=${mode}&group=chunk`)
        .bearerToken(token)
      assert.deepEqual(flat.body().data, [], `${mode} (flat) found something for nonsense`)

      // An exclusion is no evidence: "-tomatoes" does not make every other chunk a hit.
      const excluding = await client
        .get(`/api/v1/search?q=xqzvv%20-tomatoes&mode=${mode}`)
        .bearerToken(token)
      assert.deepEqual(excluding.body().data, [], `${mode} found something for an exclusion`)

      const real = await client
        .get(
          `/api/v1/search?q=${mode === 'title' || mode === 'fuzzy' ? 'gardn' : 'tomatoes%20sun'}&mode=${mode}`
        )
        .bearerToken(token)
      assert.equal(real.body().data[0]?.title, 'Garden', mode)
      assert.isAbove(real.body().meta.total, 0, mode)
    }
  })

  test('images are found by file name, title and the description they carry; they say they have no text', async ({
    client,
    assert,
  }) => {
    const { token: imageToken } = await makeTenant('imagesearch')
    const project = await makeProject(client, imageToken, 'Photos')
    const png = await sharp({
      create: { width: 32, height: 24, channels: 3, background: '#446688' },
    })
      .png()
      .toBuffer()
    const crane = await upload(client, imageToken, project, png, 'harbour-crane.png')
    crane.assertStatus(201)

    const xmp =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">A rusty gantry at dusk &amp; gulls</rdf:li></rdf:Alt></dc:description>' +
      '</rdf:Description></rdf:RDF></x:xmpmeta>'
    const described = await upload(
      client,
      imageToken,
      project,
      await sharp(png).withXmp(xmp).png().toBuffer(),
      'IMG_0042.png'
    )
    described.assertStatus(201)
    assert.equal(described.body().data.metadata.description, 'A rusty gantry at dusk & gulls')

    const pending = await client
      .get(`/api/v1/content/items/${crane.body().data.id}`)
      .bearerToken(imageToken)
    assert.equal(pending.body().data.textStatus, 'pending')
    const note = await addText(client, imageToken, project, 'Crane log', 'Lifted ten containers.')
    await ingestAll()

    for (const mode of ['hybrid', 'fulltext', 'semantic', 'title']) {
      const found = await client.get(`/api/v1/search?q=crane&mode=${mode}`).bearerToken(imageToken)
      assert.include(
        found.body().data.map((hit: any) => hit.title),
        'harbour-crane.png',
        mode
      )
    }
    const byDescription = await client
      .get('/api/v1/search?q=gantry&mode=fulltext')
      .bearerToken(imageToken)
    assert.deepEqual(
      byDescription.body().data.map((hit: any) => hit.title),
      ['IMG_0042.png']
    )

    // Renamed and described, it is found by its new name and its description.
    const renamed = await client
      .patch(`/api/v1/content/items/${described.body().data.id}`)
      .bearerToken(imageToken)
      .json({ title: 'Quayside at night', description: 'Seen from the lighthouse' })
    renamed.assertStatus(200)
    await ingestAll()
    for (const q of ['quayside', 'lighthouse']) {
      const found = await client.get(`/api/v1/search?q=${q}&mode=fulltext`).bearerToken(imageToken)
      assert.deepEqual(
        found.body().data.map((hit: any) => hit.title),
        ['Quayside at night'],
        q
      )
    }

    const image = await client
      .get(`/api/v1/content/items/${crane.body().data.id}`)
      .bearerToken(imageToken)
    assert.equal(image.body().data.textStatus, 'none')
    const text = await client.get(`/api/v1/content/items/${note}`).bearerToken(imageToken)
    assert.equal(text.body().data.textStatus, 'indexed')
    const listed = await client
      .get(`/api/v1/content/items?projectId=${project}`)
      .bearerToken(imageToken)
    const statuses = Object.fromEntries(
      listed.body().data.map((item: any) => [item.title, item.textStatus])
    )
    assert.deepEqual(statuses, {
      'harbour-crane.png': 'none',
      'Quayside at night': 'none',
      'Crane log': 'indexed',
    })
  })

  test('an unknown mode or grouping is refused, naming the field', async ({ client, assert }) => {
    const bad = await client.get('/api/v1/search?q=x&mode=psychic&group=page').bearerToken(token)
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().errors.map((error: any) => error.field),
      ['mode', 'group']
    )
  })
})
