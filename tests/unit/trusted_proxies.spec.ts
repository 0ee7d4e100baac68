import { test } from '@japa/runner'
import { trustedProxies } from '#services/trusted_proxies'

test.group('TRUSTED_PROXIES', () => {
  test('trusts the named hops only', ({ assert }) => {
    const trust = trustedProxies('10.0.0.0/8, loopback')
    assert.isTrue(trust('10.1.2.3', 0))
    assert.isTrue(trust('127.0.0.1', 0))
    assert.isFalse(trust('203.0.113.7', 0))
  })

  test('the default trusts this machine and nothing else', ({ assert }) => {
    const trust = trustedProxies(' , ')
    assert.isTrue(trust('127.0.0.1', 0))
    assert.isFalse(trust('10.1.2.3', 0))
  })

  test('a typo stops start-up naming the variable', ({ assert }) => {
    assert.throws(
      () => trustedProxies('10.0.0.0/8, proxy.internal'),
      /TRUSTED_PROXIES: .*proxy\.internal/
    )
  })
})
