import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { withTenant } from '#tenancy/with_tenant'
import { makeTenant } from '#tests/helpers/tenants'
import { open, signIn } from '#tests/helpers/browser'
import { startFakeOpenAI } from '#tests/helpers/fake_openai'

/** The toasts (Nuxt UI's notification region). */
const toasts = (page: Page) => page.getByRole('region', { name: /^Notifications/ })

const KEY = 'sk-browser-test-key-5e7d9c1b3a2f0011'

test.group('AI models console page', () => {
  test('an admin connects an OpenAI-compatible server, syncs, enables a model and prices it', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const vendor = await startFakeOpenAI({ apiKey: KEY })
    cleanup(() => vendor.close())
    const { tenant, admin } = await makeTenant('modelsconsole')

    const page = await visit('/login')
    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await page.getByRole('link', { name: 'AI models' }).first().click()
    await page.waitForURL('**/admin/ext/threads/models')
    await page.assertTextContains(
      'main',
      'No model connections yet — add OpenAI, Anthropic or a local Ollama'
    )

    await page.getByRole('button', { name: 'Add connection' }).first().click()
    const form = page.getByTestId('connection-form')
    await form.getByLabel('Name').fill('Local gateway')
    await form.getByLabel('Provider').click()
    await page.getByRole('option', { name: /^OpenAI-compatible/ }).click()
    await form.getByLabel('Base URL').fill(vendor.baseUrl)
    await form.getByLabel('API key').fill(KEY)
    await form.getByRole('button', { name: 'Add connection' }).click()
    await page.assertTextContains(toasts(page), 'Local gateway was saved')

    const card = page.locator('section[data-connection="Local gateway"]')
    await card.waitFor()
    await page.assertTextContains(card.getByTestId('base-url'), vendor.baseUrl)
    await page.assertTextContains(card.getByTestId('key-hint'), 'Stored …0011')
    await page.assertTextContains(card, 'No models yet')

    await card.getByRole('button', { name: 'Test connection' }).click()
    await page.assertTextContains(
      card.getByTestId('connection-outcome'),
      'Connected: the vendor lists 3 models'
    )

    await card.getByRole('button', { name: 'Sync models' }).click()
    await page.assertTextContains(card.getByTestId('connection-outcome'), '3 models added')
    const row = card.locator('tr[data-model="gpt-4o"]')
    await row.waitFor()
    await page.assertElementsCount('section[data-connection="Local gateway"] tbody tr', 3)

    const toggle = row.getByRole('switch', { name: 'Enable gpt-4o' })
    assert.equal(await toggle.getAttribute('aria-checked'), 'false')
    await toggle.click()
    await page.assertTextContains(toasts(page), 'gpt-4o enabled')

    await row.getByRole('button', { name: 'Edit gpt-4o' }).click()
    const modelForm = page.getByTestId('model-form')
    await modelForm.getByLabel('Display name').fill('GPT-4o')
    await modelForm.getByLabel('Context window (tokens)').fill('128000')
    await modelForm.getByLabel('Input', { exact: true }).fill('2.5')
    await modelForm.getByLabel('Output', { exact: true }).fill('10')
    await modelForm.getByLabel('Cached input').fill('1.25')
    await modelForm.getByRole('button', { name: 'Save model' }).click()
    await page.assertTextContains(toasts(page), 'GPT-4o was saved')
    await page.assertTextContains(row.getByTestId('model-prices'), '2.50 / 10.00 / 1.25')
    await page.assertTextContains(row, 'GPT-4o')

    // After a full reload the page shows what was saved.
    await open(page, '/admin/ext/threads/models')
    const saved = page.locator('section[data-connection="Local gateway"] tr[data-model="gpt-4o"]')
    await page.assertTextContains(saved, 'GPT-4o')
    await page.assertTextContains(saved, '128,000')
    await page.assertTextContains(saved.getByTestId('model-prices'), '2.50 / 10.00 / 1.25')
    assert.equal(
      await saved.getByRole('switch', { name: 'Enable GPT-4o' }).getAttribute('aria-checked'),
      'true'
    )
    await page.assertNotExists(`text=${KEY}`)

    const stored = await withTenant(tenant.id, (trx) =>
      trx.from('llm_models').where('model', 'gpt-4o').first()
    )
    assert.containsSubset(
      {
        displayName: stored.display_name,
        contextWindow: stored.context_window,
        priceInput: Number(stored.price_input),
        priceOutput: Number(stored.price_output),
        priceCached: Number(stored.price_cached),
        enabled: stored.enabled,
      },
      {
        displayName: 'GPT-4o',
        contextWindow: 128000,
        priceInput: 2.5,
        priceOutput: 10,
        priceCached: 1.25,
        enabled: true,
      }
    )
  }).timeout(120_000)
})
