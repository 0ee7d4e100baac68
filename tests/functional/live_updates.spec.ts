import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { makeTenant, makeUser, PASSWORD } from '#tests/helpers/tenants'
import { BrowserSession } from '#tests/helpers/browser_session'
import { notifyUser } from '#services/live_updates'

async function signedIn(workspace: string, email: string) {
  const browser = new BrowserSession()
  await browser.page('/login')
  await browser.request('POST', '/api/v1/auth/login', { workspace, email, password: PASSWORD })
  return browser
}

test.group('Live updates (server-sent events)', () => {
  test('a user listens to their own channel only, and receives what is pushed to it', async ({
    assert,
  }) => {
    const { tenant, admin } = await makeTenant('live')
    const other = await makeUser(tenant.id, 'member', 'Other')
    const browser = await signedIn(tenant.slug, admin.email)
    const uid = randomUUID()
    const stream = await browser.eventStream(`/__transmit/events?uid=${uid}`)
    try {
      assert.equal(stream.status, 200)
      const own = await browser.request('POST', '/__transmit/subscribe', {
        uid,
        channel: `users/${admin.id}/ingestion`,
      })
      assert.equal(own.status, 204)
      const theirs = await browser.request('POST', '/__transmit/subscribe', {
        uid,
        channel: `users/${other.user.id}/ingestion`,
      })
      // Transmit answers a refused subscription with 400.
      assert.equal(theirs.status, 400)

      notifyUser(other.user.id, 'ingestion', { itemId: 'not-for-you', step: 'done', chunks: 1 })
      notifyUser(admin.id, 'ingestion', { itemId: 'abc', step: 'done', chunks: 3 })
      const message = await stream.next()
      assert.equal(message.channel, `users/${admin.id}/ingestion`)
      assert.deepEqual(message.payload, { itemId: 'abc', step: 'done', chunks: 3 })
    } finally {
      stream.close()
    }
  })

  test('a signed-out visitor cannot subscribe', async ({ assert }) => {
    const { admin } = await makeTenant('liveout')
    const browser = new BrowserSession()
    await browser.page('/login')
    const uid = randomUUID()
    const stream = await browser.eventStream(`/__transmit/events?uid=${uid}`)
    try {
      const response = await browser.request('POST', '/__transmit/subscribe', {
        uid,
        channel: `users/${admin.id}/ingestion`,
      })
      assert.equal(response.status, 400)
    } finally {
      stream.close()
    }
  })
})
