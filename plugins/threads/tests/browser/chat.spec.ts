import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { hydrated, open, signIn } from '#tests/helpers/browser'
import { startFakeOpenAI } from '#tests/helpers/fake_openai'
import type { FakeVendor } from '#tests/helpers/fake_vendor_base'
import { addText, ingestAll, makeProject } from '#plugins/content/tests/functional/helpers'
import { generationsSettled } from '#plugins/threads/services/generation_runner'

/** A manual of several sections; "zircaloy" only in the seventh, far from the rest. */
function manual() {
  const sections = Array.from({ length: 6 }, (_, index) => {
    const number = index + 1
    const filler = Array.from(
      { length: 5 },
      (__, step) =>
        `Inspection step ${step + 1} of section ${number} records blade pitch, bearing temperature and rotor speed before the crew signs the daily log.`
    ).join(' ')
    return `## Section ${number}\n\n${filler}\n`
  })
  return `# Turbine manual\n\n${sections.join('\n')}\n## Seals\n\nReplace the zircaloy seal ring when it shows pitting.\n`
}

/** A project with an indexed manual, and one enabled model on a fake OpenAI. */
async function chatWorld(client: any, label: string) {
  const vendor = await startFakeOpenAI()
  const { tenant, admin, token } = await makeTenant(label)
  const projectId = await makeProject(client, token, 'Turbines')
  await addText(client, token, projectId, 'Turbine manual', manual())
  await ingestAll()
  const connection = await client.post('/api/v1/threads/connections').bearerToken(token).json({
    name: 'Fake OpenAI',
    provider: 'openai',
    baseUrl: vendor.baseUrl,
    apiKey: 'sk-test-0000',
  })
  connection.assertStatus(201)
  const model = await client
    .post(`/api/v1/threads/connections/${connection.body().data.id}/models`)
    .bearerToken(token)
    .json({
      model: 'gpt-4o',
      displayName: 'Test model',
      contextWindow: 16000,
      maxOutput: 1000,
      priceInput: 2,
      priceOutput: 8,
      enabled: true,
    })
  model.assertStatus(201)
  return { vendor, tenant, admin, token, projectId }
}

/** The last answer on the page. */
const lastAnswer = (page: Page) =>
  page.locator('[data-testid="message"][data-role="assistant"]').last()

async function ask(page: Page, question: string) {
  await page.getByLabel('Your question').fill(question)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
}

test.group('Threads: chat over chosen context', (group) => {
  let vendor: FakeVendor | null = null
  group.each.teardown(async () => {
    vendor?.release()
    await generationsSettled()
    await vendor?.close()
    vendor = null
  })

  test('start a thread, add a passage, watch answers stream, inspect, regenerate, switch branches, reload mid-answer', async ({
    client,
    visit,
    assert,
  }) => {
    const world = await chatWorld(client, 'chat-ui')
    vendor = world.vendor
    const tab = `/app/projects/${world.projectId}/tabs/threads/threads`

    // The first page of a run waits for Vite's first compile.
    const page = await visit('/login', { timeout: 120_000 })
    await signIn(page, world.tenant.slug, world.admin.email)
    await page.waitForURL('**/admin')
    await open(page, `/app/projects/${world.projectId}`)
    await page.getByRole('link', { name: 'Threads' }).click()
    await page.waitForURL(`**${tab}`)
    await page.getByText('Start a thread').waitFor()

    // Start a thread.
    await page.getByRole('button', { name: 'New thread' }).first().click()
    await page.getByLabel('Name').fill('Seal questions')
    await page.getByRole('button', { name: 'Create thread' }).click()
    await page.waitForURL('**/tabs/threads/threads?thread=*')
    await hydrated(page)
    await page.getByTestId('thread-title').filter({ hasText: 'Seal questions' }).waitFor()
    await page.getByText("Ask about this project's documents").waitFor()
    await page.getByTestId('meter-tokens').waitFor()

    // A passage found in the library goes into the context.
    await page.getByRole('button', { name: /^Context · 0 items/ }).click()
    await page.getByLabel('Search the library').fill('zircaloy')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    const passage = page
      .getByTestId('library-hit')
      .filter({ hasText: 'Turbine manual' })
      .getByTestId('library-passage')
      .filter({ hasText: 'zircaloy' })
      .first()
    await passage.getByRole('button', { name: 'Add passage' }).click()
    await passage.getByRole('button', { name: 'Added' }).waitFor()
    const entry = page.getByTestId('context-entry').filter({ hasText: 'Turbine manual' })
    await entry.getByText('1 passage').waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: /^Context · 1 item/ }).waitFor()

    // Ask: the answer streams in; the vendor holds after its first chunk.
    vendor.reply({
      chunks: ['The seal ring ', 'is made of zircaloy.'],
      hold: true,
      usage: { input: 120, output: 9 },
    })
    await ask(page, 'What is the seal ring made of?')
    await vendor.waitForHold()
    await lastAnswer(page).getByText('The seal ring').waitFor()
    assert.equal(await lastAnswer(page).getAttribute('data-status'), 'streaming')
    await lastAnswer(page).getByRole('button', { name: 'Stop' }).waitFor()
    vendor.release()
    await lastAnswer(page).getByText('The seal ring is made of zircaloy.').waitFor()
    await page
      .locator('[data-testid="message"][data-role="assistant"][data-status="complete"]')
      .waitFor()
    await lastAnswer(page).getByTestId('answer-meta').filter({ hasText: '129 tokens' }).waitFor()

    // The request held the chosen passage and the question.
    assert.include(vendor.lastRequest('/v1/chat/completions')!.raw, 'zircaloy seal ring')
    await lastAnswer(page).getByRole('button', { name: 'What the model saw' }).click()
    const saw = page.getByTestId('model-saw')
    await saw.waitFor()
    const chosen = saw.locator('[data-testid="context-part"][data-origin="chosen"]')
    assert.equal(await chosen.count(), 1)
    await chosen.locator('summary').getByText('Turbine manual').waitFor()
    await chosen.locator('summary').click()
    await chosen.getByText('Replace the zircaloy seal ring').waitFor()
    const user = saw.locator('[data-testid="context-part"][data-origin="user"]')
    await user.locator('summary').click()
    await user.getByText('What is the seal ring made of?').waitFor()
    await page.keyboard.press('Escape')
    await saw.waitFor({ state: 'detached' })

    // Regenerate: a second answer beside the first, and the switcher between them.
    // Its Markdown: code highlighted with a working Copy button, raw HTML shown as text.
    vendor.reply({
      chunks: [
        'Zircaloy, ',
        'a zirconium alloy.\n\n```js\nconst ring = "zircaloy"\n```\n\n',
        '<img src=x onerror="document.title=1">',
      ],
    })
    await lastAnswer(page).getByRole('button', { name: 'Regenerate' }).click()
    await lastAnswer(page).getByText('Zircaloy, a zirconium alloy.').waitFor()
    await lastAnswer(page).getByText('<img src=x onerror="document.title=1">').waitFor()
    assert.equal(await lastAnswer(page).locator('img').count(), 0)
    assert.equal(
      await lastAnswer(page).locator('code.hljs .hljs-keyword').first().innerText(),
      'const'
    )
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await lastAnswer(page).getByRole('button', { name: 'Copy code' }).click()
    await lastAnswer(page).getByRole('button', { name: 'Copy code' }).getByText('Copied').waitFor()
    assert.equal(
      await page.evaluate(() => navigator.clipboard.readText()),
      'const ring = "zircaloy"\n'
    )
    const switcher = lastAnswer(page).getByTestId('branch-switcher')
    await switcher.getByText('2 / 2').waitFor()
    await switcher.getByRole('button', { name: 'Previous version' }).click()
    await lastAnswer(page).getByText('The seal ring is made of zircaloy.').waitFor()
    await switcher.getByText('1 / 2').waitFor()
    // The branch chosen is remembered: a reload shows it again.
    await page.reload()
    await hydrated(page)
    await lastAnswer(page).getByText('The seal ring is made of zircaloy.').waitFor()

    // A reload mid-answer shows the text so far, then the rest.
    vendor.reply({ chunks: ['Inspect it ', 'every month.'], hold: true })
    await ask(page, 'How often should it be inspected?')
    await vendor.waitForHold()
    await lastAnswer(page).getByText('Inspect it').waitFor()
    await page.reload()
    await hydrated(page)
    await lastAnswer(page).getByText('Inspect it').waitFor()
    assert.equal(await lastAnswer(page).getAttribute('data-status'), 'streaming')
    vendor.release()
    await lastAnswer(page).getByText('Inspect it every month.').waitFor()
    await page
      .locator('[data-testid="message"][data-role="assistant"]')
      .last()
      .and(page.locator('[data-status="complete"]'))
      .waitFor()
    assert.equal(await page.locator('[data-testid="message"]').count(), 4)

    // Stop: the text so far is kept, marked stopped, and the vendor's request is dropped.
    vendor.reply({ chunks: ['Half of ', 'an answer.'], hold: true })
    await ask(page, 'Tell me everything about seals.')
    await vendor.waitForHold()
    await lastAnswer(page).getByText('Half of').waitFor()
    await lastAnswer(page).getByRole('button', { name: 'Stop' }).click()
    await page
      .locator('[data-testid="message"][data-role="assistant"][data-status="stopped"]')
      .waitFor()
    await vendor.waitForAbort()
    await lastAnswer(page).getByText('Stopped', { exact: true }).waitFor()
    assert.equal((await lastAnswer(page).getByTestId('answer-text').innerText()).trim(), 'Half of')
  }).timeout(300_000)

  test('without a model the page says how to get one; a viewer reads threads without a composer', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('chat-empty')
    const projectId = await makeProject(client, token, 'Archive')
    const thread = await client
      .post(`/api/v1/threads/projects/${projectId}`)
      .bearerToken(token)
      .json({ name: 'Old notes' })
    thread.assertStatus(201)
    const viewer = await makeUser(tenant.id, 'member', 'Vera Viewer')
    const membership = await client
      .post(`/api/v1/projects/${projectId}/members`)
      .bearerToken(token)
      .json({ userId: viewer.user.id, role: 'viewer' })
    membership.assertStatus(201)
    const threadPage = `/app/projects/${projectId}/tabs/threads/threads?thread=${thread.body().data.id}`

    const page = await visit('/login', { timeout: 120_000 })
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await open(page, threadPage)
    const notice = page.getByTestId('no-models')
    await notice
      .getByText('No AI model is enabled — an admin can connect one in the console → AI models')
      .waitFor()
    assert.equal(
      await notice.getByRole('link', { name: 'Open AI models' }).getAttribute('href'),
      '/admin/ext/threads/models'
    )
    assert.equal(await page.getByLabel('Your question').count(), 0)

    await page.context().clearCookies()
    await open(page, '/login')
    await signIn(page, tenant.slug, viewer.user.email)
    await page.waitForURL('**/app')
    await open(page, threadPage)
    await page.getByTestId('thread-title').filter({ hasText: 'Old notes' }).waitFor()
    await page
      .getByText("You can read this thread; only the project's editors can ask in it.")
      .waitFor()
    assert.equal(await page.getByLabel('Your question').count(), 0)
    assert.equal(await page.getByRole('button', { name: 'New thread' }).count(), 0)
    assert.equal(await page.getByRole('button', { name: 'Actions for Old notes' }).count(), 0)
  }).timeout(180_000)
})
