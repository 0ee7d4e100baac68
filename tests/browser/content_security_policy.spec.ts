import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { makeTenant } from '#tests/helpers/tenants'
import { hydrated, signIn } from '#tests/helpers/browser'
import { expectConsoleErrors } from '#tests/helpers/console_errors'
import { addText, makeProject } from '../../plugins/content/tests/functional/helpers.js'

/** Console errors and CSP violations the page reports from now on. */
function watchForErrors(page: Page) {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`)
  })
  return errors
}

test.group('Content-Security-Policy', () => {
  test('pages run their nonce-carrying scripts, hydrate, and log no error or violation', async ({
    client,
    visit,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('csp')
    const projectId = await makeProject(client, token, 'Policies')
    const itemId = await addText(
      client,
      token,
      projectId,
      'notes.md',
      '# Notes\n\n[a link](javascript:alert(1)) and <img src=x onerror="alert(1)">\n'
    )

    const page = await visit('/login')
    const errors = watchForErrors(page)
    const response = await page.reload()
    const policy = response!.headers()['content-security-policy']
    assert.match(policy, /script-src 'self' 'nonce-[\w-]+'/)
    assert.include(policy, "object-src 'none'")
    const nonce = policy.match(/'nonce-([\w-]+)'/)![1]
    const scripts = await page
      .locator('script[src]')
      .evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce))
    assert.isAbove(scripts.length, 0)
    for (const scriptNonce of scripts) assert.equal(scriptNonce, nonce)
    await hydrated(page)

    await signIn(page, tenant.slug, admin.email)
    await page.waitForURL('**/admin')
    await page.goto(`/app/projects/${projectId}/tabs/content/library?item=${itemId}`)
    await hydrated(page)
    await page.assertTextContains('[data-testid="opened-item"] h1', 'Notes')
    const rendered = await page.locator('[data-testid="opened-item"] .rendered').innerHTML()
    assert.include(rendered, 'Notes')
    assert.notMatch(rendered, /href="javascript:/i)
    assert.notInclude(rendered, '<img')

    // A script injected without the nonce does not run.
    // The refusal is provoked on purpose and asserted below, by this test's own watcher.
    expectConsoleErrors(/violates the following Content Security Policy directive:? .script-src/)
    const injectedRan = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__injected = true'
      document.body.append(script)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return (window as any).__injected === true
    })
    assert.isFalse(injectedRan)
    const violations = errors.filter((error) => /Content Security Policy/i.test(error))
    assert.lengthOf(violations, 1, violations.join('\n')) // the injected script's refusal only
    assert.deepEqual(
      errors.filter((error) => !/Content Security Policy/i.test(error)),
      []
    )
  })
})
