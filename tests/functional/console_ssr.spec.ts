import { test } from '@japa/runner'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'

test.group('Server-side rendering', () => {
  test('the HTML of /admin, fetched without JavaScript, holds the dashboard figures', async ({
    client,
    assert,
  }) => {
    const { tenant, admin, token } = await makeTenant('ssr')
    await makeUser(tenant.id, 'member', 'Second')
    await makeUser(tenant.id, 'editor', 'Third')
    const program = await client.post('/api/v1/programs').bearerToken(token).json({ name: 'P' })
    for (const name of ['One', 'Two']) {
      await client
        .post('/api/v1/projects')
        .bearerToken(token)
        .json({ programId: program.body().data.id, name })
    }

    const browser = new BrowserSession()
    await browser.signIn(tenant.slug, admin.email)

    const { status, html } = await browser.page('/admin')
    assert.equal(status, 200)
    const figure = (stat: string) =>
      html.match(new RegExp(`data-stat="${stat}"[^]*?<div class="figure[^"]*">(\\d+)</div>`))?.[1]
    assert.equal(figure('users'), '3')
    assert.equal(figure('programs'), '1')
    assert.equal(figure('projects'), '2')
    assert.include(html, 'data-server-rendered="true"')
    assert.match(html, /<h1[^>]*>(?:<[^>]+>)*Dashboard(?:<[^>]+>)*<\/h1>/)
  })

  test('signed-out visitors are sent to the login page', async ({ assert }) => {
    const browser = new BrowserSession()
    const response = await browser.page('/admin')
    assert.equal(response.status, 302)
    assert.equal(response.location, '/login')
  })
})
