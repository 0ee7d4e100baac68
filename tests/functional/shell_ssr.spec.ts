import { test } from '@japa/runner'
import { makeTenant } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'

test.group('App shell, server-rendered', () => {
  test('the theme chosen in the cookie is on <html> before any script runs', async ({ assert }) => {
    const { tenant, admin } = await makeTenant('shell-theme')
    const browser = await new BrowserSession().signIn(tenant.slug, admin.email)

    const system = await browser.page('/app')
    assert.include(system.html, '<html lang="en" class="">')
    // "system" asks the operating system before the first paint, in a script with the nonce.
    assert.match(
      system.html,
      /<script nonce="[^"]+">\s*if \(matchMedia\('\(prefers-color-scheme: dark\)'\)/
    )

    const dark = await browser.setCookie('cn_color_mode', 'dark').page('/app')
    assert.include(dark.html, '<html lang="en" class="dark">')
    assert.notInclude(dark.html, 'prefers-color-scheme')

    const nonsense = await browser.setCookie('cn_color_mode', '"><script>').page('/app')
    assert.include(nonsense.html, '<html lang="en" class="">')
  })

  test('the brand colour is in the page head, adjusted for each theme', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('shell-brand')
    const browser = await new BrowserSession().signIn(tenant.slug, admin.email)
    assert.include((await browser.page('/app')).html, '<style id="cn-brand" nonce="')
    assert.notInclude((await browser.page('/app')).html, '--ui-primary:')

    await client
      .patch('/api/v1/tenant')
      .bearerToken(token)
      .json({ branding: { primaryColor: '#1d4ed8', accentColor: '#ffeb3b' } })
      .then((response: any) => response.assertStatus(200))
    const { html } = await browser.page('/app')
    assert.include(html, ':root { --ui-primary: #1d4ed8;')
    // The pale accent is darkened for the light theme: never the unreadable original.
    const accent = html.match(/:root \{[^}]*--ui-secondary: (#[0-9a-f]{6});/)?.[1]
    assert.exists(accent)
    assert.notEqual(accent, '#ffeb3b')
  })

  test('the sidebar lists programs and projects in the HTML, with the console for admins', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('shell-nav')
    const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'Orbit' })
    await client
      .post('/api/v1/projects')
      .bearerToken(token)
      .json({ programId: program.body().data.id, name: 'Telemetry' })
    const browser = await new BrowserSession().signIn(tenant.slug, admin.email)
    const { html } = await browser.page('/app')
    assert.include(html, 'Orbit')
    assert.include(html, 'Telemetry')
    assert.include(html, 'aria-label="Admin console"')
  })
})
