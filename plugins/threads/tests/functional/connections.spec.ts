import { test } from '@japa/runner'
import { withTenant } from '#tenancy/with_tenant'
import { UnprocessableError } from '#exceptions/domain_errors'
import { makeTenant, makeUser } from '#tests/helpers/tenants'
import { startFakeOpenAI } from '#tests/helpers/fake_openai'
import { startFakeAnthropic } from '#tests/helpers/fake_anthropic'
import { makeProject } from '#plugins/content/tests/functional/helpers'
import { decryptApiKey, findConnection } from '#plugins/threads/services/connections'
import { listConnectionModels } from '#plugins/threads/services/connection_checks'
import { providerCatalog } from '#plugins/threads/services/provider_catalog'
import {
  calibrateTokenRatio,
  costOf,
  defaultModelId,
  resolveModel,
} from '#plugins/threads/services/model_catalog'

/* Long enough to have a hint; unique enough to find anywhere it leaks. */
const OPENAI_KEY = 'sk-test-openai-7f3a9c2e5b1d4f60abcd'
const ANTHROPIC_KEY = 'sk-ant-test-2b8e6d4c1a9f7e53wxyz'

type Client = any

async function addConnection(client: Client, token: string, body: Record<string, unknown>) {
  const response = await client.post('/api/v1/threads/connections').bearerToken(token).json(body)
  response.assertStatus(201)
  return response.body().data
}

async function sync(client: Client, token: string, connectionId: string) {
  const response = await client
    .post(`/api/v1/threads/connections/${connectionId}/sync`)
    .bearerToken(token)
  response.assertStatus(200)
  return response.body().data
}

async function connectionModels(client: Client, token: string, connectionId: string) {
  const response = await client.get('/api/v1/threads/connections').bearerToken(token)
  response.assertStatus(200)
  return response.body().data.find((connection: any) => connection.id === connectionId).models
}

const errorOn = (response: any, field: string) =>
  response.body().errors.find((error: any) => error.field === field)

test.group('Threads: LLM connections', () => {
  test('an admin creates, lists, edits and deletes a connection; the key is stored encrypted and never shown', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('llm-crud')
    const texts: string[] = []
    const created = await client
      .post('/api/v1/threads/connections')
      .bearerToken(token)
      .json({ name: 'OpenAI', provider: 'openai', apiKey: OPENAI_KEY })
    created.assertStatus(201)
    texts.push(created.text())
    const connection = created.body().data
    assert.containsSubset(connection, {
      name: 'OpenAI',
      provider: 'openai',
      baseUrl: null,
      effectiveBaseUrl: 'https://api.openai.com/v1',
      hasApiKey: true,
      apiKeyHint: '…abcd',
      enabled: true,
      models: [],
    })

    const stored = await withTenant(tenant.id, (trx) =>
      trx.from('llm_connections').where('id', connection.id).first()
    )
    assert.notEqual(stored.api_key_encrypted, OPENAI_KEY)
    assert.notInclude(stored.api_key_encrypted, OPENAI_KEY)
    assert.equal(decryptApiKey(stored.api_key_encrypted), OPENAI_KEY)

    const listed = await client.get('/api/v1/threads/connections').bearerToken(token)
    listed.assertStatus(200)
    texts.push(listed.text())
    assert.deepEqual(
      listed.body().data.map((entry: any) => entry.name),
      ['OpenAI']
    )

    // Absent key: kept. A new value replaces it.
    const renamed = await client
      .patch(`/api/v1/threads/connections/${connection.id}`)
      .bearerToken(token)
      .json({ name: 'Local gateway', baseUrl: 'http://localhost:4000/v1', enabled: false })
    renamed.assertStatus(200)
    texts.push(renamed.text())
    assert.containsSubset(renamed.body().data, {
      name: 'Local gateway',
      baseUrl: 'http://localhost:4000/v1',
      effectiveBaseUrl: 'http://localhost:4000/v1',
      enabled: false,
      hasApiKey: true,
      apiKeyHint: '…abcd',
    })
    const replaced = await client
      .patch(`/api/v1/threads/connections/${connection.id}`)
      .bearerToken(token)
      .json({ apiKey: `${OPENAI_KEY}-rotated-9876` })
    replaced.assertStatus(200)
    texts.push(replaced.text())
    assert.equal(replaced.body().data.apiKeyHint, '…9876')

    // null clears it (an OpenAI-compatible server may need none); empty base URL: the default.
    const cleared = await client
      .patch(`/api/v1/threads/connections/${connection.id}`)
      .bearerToken(token)
      .json({ apiKey: null, baseUrl: '' })
    cleared.assertStatus(200)
    texts.push(cleared.text())
    assert.containsSubset(cleared.body().data, {
      hasApiKey: false,
      apiKeyHint: null,
      baseUrl: null,
      effectiveBaseUrl: 'https://api.openai.com/v1',
    })

    const removed = await client
      .delete(`/api/v1/threads/connections/${connection.id}`)
      .bearerToken(token)
    removed.assertStatus(204)
    const left = await withTenant(tenant.id, (trx) => trx.from('llm_connections').count('* as n'))
    assert.equal(Number(left[0].n), 0)

    for (const text of texts) {
      assert.notInclude(text, OPENAI_KEY)
      assert.notInclude(text, 'rotated')
    }
    const audit = await withTenant(tenant.id, (trx) =>
      trx
        .from('tenant_audit_log')
        .whereLike('action', 'llm.%')
        .orderBy('created_at')
        .select('action', 'details')
    )
    assert.deepEqual(
      audit.map((row) => row.action),
      [
        'llm.connection_created',
        'llm.connection_updated',
        'llm.connection_updated',
        'llm.connection_updated',
        'llm.connection_deleted',
      ]
    )
    assert.deepEqual(audit[2].details.changes, { apiKey: { redacted: true } })
    assert.deepEqual(audit[1].details.changes.name, { from: 'OpenAI', to: 'Local gateway' })
    const auditText = JSON.stringify(audit)
    assert.notInclude(auditText, OPENAI_KEY)
    assert.notInclude(auditText, 'rotated')
  })

  test('connections and models are for tenant admins: others get 403, members may list usable models', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('llm-roles')
    const connection = await addConnection(client, token, { name: 'Gateway', provider: 'openai' })
    const manual = await client
      .post(`/api/v1/threads/connections/${connection.id}/models`)
      .bearerToken(token)
      .json({ model: 'llama3.1:8b', enabled: true })
    manual.assertStatus(201)
    const modelId = manual.body().data.id

    for (const role of ['member', 'editor'] as const) {
      const other = await makeUser(tenant.id, role, `A ${role}`)
      const refused = [
        client.get('/api/v1/threads/providers'),
        client.get('/api/v1/threads/connections'),
        client.post('/api/v1/threads/connections').json({ name: 'Mine', provider: 'openai' }),
        client.patch(`/api/v1/threads/connections/${connection.id}`).json({ name: 'Taken over' }),
        client.delete(`/api/v1/threads/connections/${connection.id}`),
        client.post(`/api/v1/threads/connections/${connection.id}/test`),
        client.post(`/api/v1/threads/connections/${connection.id}/sync`),
        client.post(`/api/v1/threads/connections/${connection.id}/models`).json({ model: 'x' }),
        client.patch(`/api/v1/threads/models/${modelId}`).json({ enabled: false }),
        client.delete(`/api/v1/threads/models/${modelId}`),
        client.get('/api/v1/threads/models?all=true'),
      ]
      for (const request of refused) (await request.bearerToken(other.token)).assertStatus(403)

      const usable = await client.get('/api/v1/threads/models').bearerToken(other.token)
      usable.assertStatus(200)
      assert.deepEqual(
        usable.body().data.map((model: any) => model.model),
        ['llama3.1:8b']
      )
    }
    const still = await withTenant(tenant.id, (trx) => trx.from('llm_models').where('id', modelId))
    assert.lengthOf(still, 1)
    assert.isTrue(still[0].enabled)
  })

  test('refusals name their field: duplicate name, unknown provider, missing key or URL, max output, prices', async ({
    client,
    assert,
  }) => {
    const { token } = await makeTenant('llm-422')
    const connection = await addConnection(client, token, { name: 'Work OpenAI', provider: 'openai' })

    const duplicate = await client
      .post('/api/v1/threads/connections')
      .bearerToken(token)
      .json({ name: 'work openai', provider: 'openai' })
    duplicate.assertStatus(422)
    assert.match(errorOn(duplicate, 'name').message, /already has a connection/)

    const unknown = await client
      .post('/api/v1/threads/connections')
      .bearerToken(token)
      .json({ name: 'Mystery', provider: 'mistery-ai' })
    unknown.assertStatus(422)
    assert.include(errorOn(unknown, 'provider').message, 'openai')
    assert.include(errorOn(unknown, 'provider').message, 'anthropic')

    const keyless = await client
      .post('/api/v1/threads/connections')
      .bearerToken(token)
      .json({ name: 'Claude', provider: 'anthropic' })
    keyless.assertStatus(422)
    assert.match(errorOn(keyless, 'apiKey').message, /needs an API key/)

    const badUrl = await client
      .post('/api/v1/threads/connections')
      .bearerToken(token)
      .json({ name: 'FTP', provider: 'openai', baseUrl: 'ftp://models.example.com' })
    badUrl.assertStatus(422)
    assert.exists(errorOn(badUrl, 'baseUrl'))

    const renamedOnto = await client
      .post('/api/v1/threads/connections')
      .bearerToken(token)
      .json({ name: 'Second', provider: 'openai' })
    renamedOnto.assertStatus(201)
    const clash = await client
      .patch(`/api/v1/threads/connections/${renamedOnto.body().data.id}`)
      .bearerToken(token)
      .json({ name: 'WORK OPENAI' })
    clash.assertStatus(422)
    assert.exists(errorOn(clash, 'name'))

    const tooLong = await client
      .post(`/api/v1/threads/connections/${connection.id}/models`)
      .bearerToken(token)
      .json({ model: 'tiny', contextWindow: 4096, maxOutput: 4096 })
    tooLong.assertStatus(422)
    assert.match(errorOn(tooLong, 'maxOutput').message, /smaller than the context window/)

    const added = await client
      .post(`/api/v1/threads/connections/${connection.id}/models`)
      .bearerToken(token)
      .json({ model: 'tiny', contextWindow: 4096, maxOutput: 1024 })
    added.assertStatus(201)
    assert.containsSubset(added.body().data, {
      model: 'tiny',
      displayName: 'tiny',
      contextWindow: 4096,
      maxOutput: 1024,
      enabled: false,
      source: 'manual',
    })
    const modelId = added.body().data.id

    const again = await client
      .post(`/api/v1/threads/connections/${connection.id}/models`)
      .bearerToken(token)
      .json({ model: 'tiny' })
    again.assertStatus(422)
    assert.exists(errorOn(again, 'model'))

    const outgrown = await client
      .patch(`/api/v1/threads/models/${modelId}`)
      .bearerToken(token)
      .json({ maxOutput: 8000 })
    outgrown.assertStatus(422)
    assert.exists(errorOn(outgrown, 'maxOutput'))
    const shrunk = await client
      .patch(`/api/v1/threads/models/${modelId}`)
      .bearerToken(token)
      .json({ contextWindow: 1024 })
    shrunk.assertStatus(422)
    assert.exists(errorOn(shrunk, 'contextWindow'))

    const negative = await client
      .patch(`/api/v1/threads/models/${modelId}`)
      .bearerToken(token)
      .json({ priceInput: -1, priceCached: -0.5 })
    negative.assertStatus(422)
    assert.exists(errorOn(negative, 'priceInput'))
    assert.exists(errorOn(negative, 'priceCached'))

    const priced = await client
      .patch(`/api/v1/threads/models/${modelId}`)
      .bearerToken(token)
      .json({ priceInput: 2.5, priceOutput: 10, priceCached: 1.25, displayName: 'Tiny' })
    priced.assertStatus(200)
    assert.containsSubset(priced.body().data, {
      displayName: 'Tiny',
      priceInput: 2.5,
      priceOutput: 10,
      priceCached: 1.25,
    })

    const nothing = await client
      .patch(`/api/v1/threads/models/${modelId}`)
      .bearerToken(token)
      .json({})
    nothing.assertStatus(422)
  })

  test('sync adds the listed models disabled, keeps admin edits and counts the vanished', async ({
    client,
    assert,
    cleanup,
  }) => {
    const openai = await startFakeOpenAI()
    const anthropic = await startFakeAnthropic({ apiKey: ANTHROPIC_KEY })
    cleanup(() => openai.close())
    cleanup(() => anthropic.close())
    const { tenant, token } = await makeTenant('llm-sync')

    const gateway = await addConnection(client, token, {
      name: 'Fake OpenAI',
      provider: 'openai',
      baseUrl: openai.baseUrl,
    })
    const first = await sync(client, token, gateway.id)
    assert.containsSubset(first, { ok: true, added: 3, kept: 0, missing: 0 })
    let models = await connectionModels(client, token, gateway.id)
    assert.deepEqual(
      models.map((model: any) => [model.model, model.displayName, model.enabled, model.source]),
      [
        ['gpt-4o', 'gpt-4o', false, 'listed'],
        ['gpt-4o-mini', 'gpt-4o-mini', false, 'listed'],
        ['text-embedding-3-small', 'text-embedding-3-small', false, 'listed'],
      ]
    )
    assert.isTrue(models.every((model: any) => model.maxOutput < model.contextWindow))

    const gpt4o = models.find((model: any) => model.model === 'gpt-4o')
    ;(
      await client
        .patch(`/api/v1/threads/models/${gpt4o.id}`)
        .bearerToken(token)
        .json({ displayName: 'GPT-4o', contextWindow: 128000, priceInput: 2.5, enabled: true })
    ).assertStatus(200)

    openai.models = [{ id: 'gpt-4o' }, { id: 'gpt-4.1' }]
    const second = await sync(client, token, gateway.id)
    assert.containsSubset(second, {
      ok: true,
      added: 1,
      kept: 1,
      missing: 2,
      addedModels: ['gpt-4.1'],
      missingModels: ['gpt-4o-mini', 'text-embedding-3-small'],
    })
    models = await connectionModels(client, token, gateway.id)
    assert.lengthOf(models, 4)
    assert.containsSubset(
      models.find((model: any) => model.model === 'gpt-4o'),
      { displayName: 'GPT-4o', contextWindow: 128000, priceInput: 2.5, enabled: true }
    )

    const claude = await addConnection(client, token, {
      name: 'Claude',
      provider: 'anthropic',
      baseUrl: anthropic.baseUrl,
      apiKey: ANTHROPIC_KEY,
    })
    const listed = await sync(client, token, claude.id)
    assert.containsSubset(listed, { ok: true, added: 2 })
    // The decrypted key reached the vendor (as x-api-key or a bearer token, whichever the SDK uses).
    const sent = anthropic.lastRequest('/v1/models')!.headers
    assert.include([sent['x-api-key'], sent.authorization?.replace(/^Bearer /, '')], ANTHROPIC_KEY)
    const claudes = await connectionModels(client, token, claude.id)
    assert.containsSubset(claudes, [
      {
        model: 'claude-haiku-4-5',
        displayName: 'Claude Haiku 4.5',
        contextWindow: 200000,
        maxOutput: 64000,
        enabled: false,
      },
      {
        model: 'claude-sonnet-4-6',
        displayName: 'Claude Sonnet 4.6',
        contextWindow: 200000,
        maxOutput: 64000,
        enabled: false,
      },
    ])

    const audit = await withTenant(tenant.id, (trx) =>
      trx.from('tenant_audit_log').where('action', 'llm.models_synced').select('details')
    )
    assert.lengthOf(audit, 3)
    assert.notInclude(JSON.stringify(audit), ANTHROPIC_KEY)
  })

  test('test connection: ok with the number of models, or a refused key in plain words', async ({
    client,
    assert,
    cleanup,
  }) => {
    const openai = await startFakeOpenAI({ apiKey: OPENAI_KEY })
    cleanup(() => openai.close())
    const { tenant, token } = await makeTenant('llm-test')

    const good = await addConnection(client, token, {
      name: 'Right key',
      provider: 'openai',
      baseUrl: openai.baseUrl,
      apiKey: OPENAI_KEY,
    })
    const ok = await client.post(`/api/v1/threads/connections/${good.id}/test`).bearerToken(token)
    ok.assertStatus(200)
    assert.deepEqual(ok.body().data, { ok: true, models: 3 })
    assert.equal(openai.lastRequest('/v1/models')?.headers.authorization, `Bearer ${OPENAI_KEY}`)

    const wrongKey = 'sk-test-wrong-0123456789-zzzz'
    const bad = await addConnection(client, token, {
      name: 'Wrong key',
      provider: 'openai',
      baseUrl: openai.baseUrl,
      apiKey: wrongKey,
    })
    const refused = await client
      .post(`/api/v1/threads/connections/${bad.id}/test`)
      .bearerToken(token)
    refused.assertStatus(200)
    const outcome = refused.body().data
    assert.isFalse(outcome.ok)
    assert.equal(outcome.models, 0)
    assert.match(outcome.error, /API key/i)
    assert.notInclude(refused.text(), wrongKey)

    const rows = await withTenant(tenant.id, (trx) =>
      trx.from('llm_connections').orderBy('name').select('name', 'last_checked_at', 'last_error')
    )
    assert.deepEqual(
      rows.map((row) => [row.name, row.last_checked_at !== null, row.last_error === null]),
      [
        ['Right key', true, true],
        ['Wrong key', true, false],
      ]
    )
    assert.equal(rows[1].last_error, outcome.error)

    const listed = await client.get('/api/v1/threads/connections').bearerToken(token)
    assert.equal(
      listed.body().data.find((entry: any) => entry.name === 'Wrong key').lastError,
      outcome.error
    )

    // Nothing listens here any more: an unreachable server is said so, not a 500.
    const gone = await startFakeOpenAI()
    const goneUrl = gone.baseUrl
    await gone.close()
    const unreachable = await addConnection(client, token, {
      name: 'Gone',
      provider: 'openai',
      baseUrl: goneUrl,
    })
    const down = await client
      .post(`/api/v1/threads/connections/${unreachable.id}/sync`)
      .bearerToken(token)
    down.assertStatus(200)
    assert.isFalse(down.body().data.ok)
    assert.include(down.body().data.error, goneUrl)

    // A vendor slower than the deadline: the wait ends, and says so.
    openai.reply({ endpoint: 'models', delayMs: 2000 })
    const slow = await withTenant(tenant.id, async (trx) => {
      const row = await findConnection(trx, good.id)
      return listConnectionModels(trx, await providerCatalog(trx), row!, 200)
    })
    assert.deepEqual(slow, {
      ok: false,
      error: `No answer from the vendor at ${openai.baseUrl} within 0.2 seconds`,
    })
  })

  test('members see only enabled models of enabled connections; the default model is the first of them', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('llm-usable')
    const member = await makeUser(tenant.id, 'member', 'Picker')
    const on = await addConnection(client, token, { name: 'On', provider: 'openai' })
    const off = await addConnection(client, token, { name: 'Off', provider: 'openai' })
    const addModel = async (connectionId: string, body: Record<string, unknown>) => {
      const response = await client
        .post(`/api/v1/threads/connections/${connectionId}/models`)
        .bearerToken(token)
        .json(body)
      response.assertStatus(201)
      return response.body().data
    }
    await addModel(on.id, {
      model: 'zeta',
      displayName: 'Zeta',
      enabled: true,
      contextWindow: 32000,
      maxOutput: 2000,
      priceInput: 1,
      priceOutput: 2,
      priceCached: 0.5,
    })
    await addModel(on.id, { model: 'alpha', displayName: 'Alpha', enabled: true })
    await addModel(on.id, { model: 'hidden', displayName: 'Beta (disabled)', enabled: false })
    await addModel(off.id, { model: 'elsewhere', displayName: 'Aardvark', enabled: true })
    ;(
      await client
        .patch(`/api/v1/threads/connections/${off.id}`)
        .bearerToken(token)
        .json({ enabled: false })
    ).assertStatus(200)

    const usable = await client.get('/api/v1/threads/models').bearerToken(member.token)
    usable.assertStatus(200)
    const data = usable.body().data
    assert.deepEqual(
      data.map((model: any) => model.displayName),
      ['Alpha', 'Zeta']
    )
    assert.deepEqual(data[1], {
      id: data[1].id,
      model: 'zeta',
      displayName: 'Zeta',
      provider: 'openai',
      providerLabel: data[1].providerLabel,
      contextWindow: 32000,
      maxOutput: 2000,
      priceInput: 1,
      priceOutput: 2,
      priceCached: 0.5,
    })
    assert.match(data[1].providerLabel, /OpenAI/)

    const all = await client.get('/api/v1/threads/models?all=true').bearerToken(token)
    all.assertStatus(200)
    assert.lengthOf(all.body().data, 4)
    assert.containsSubset(
      all.body().data.find((model: any) => model.model === 'elsewhere'),
      { enabled: true, connection: { name: 'Off', enabled: false } }
    )
    assert.notProperty(all.body().data[0].connection, 'models')

    const defaultId = await withTenant(tenant.id, (trx) => defaultModelId(trx))
    assert.equal(defaultId, data[0].id)
  })

  test('disabling llm-anthropic for a tenant hides its models and resolveModel refuses them', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('llm-plugin-off')
    const claude = await addConnection(client, token, {
      name: 'Claude',
      provider: 'anthropic',
      apiKey: ANTHROPIC_KEY,
    })
    const gateway = await addConnection(client, token, { name: 'Gateway', provider: 'openai' })
    const addEnabled = async (connectionId: string, model: string) => {
      const response = await client
        .post(`/api/v1/threads/connections/${connectionId}/models`)
        .bearerToken(token)
        .json({ model, enabled: true, priceInput: 3, priceOutput: 15, priceCached: 0.3 })
      response.assertStatus(201)
      return response.body().data.id as string
    }
    const sonnet = await addEnabled(claude.id, 'claude-sonnet-4-6')
    const llama = await addEnabled(gateway.id, 'llama3')

    const resolved = await withTenant(tenant.id, (trx) => resolveModel(trx, sonnet))
    assert.containsSubset(resolved, {
      id: sonnet,
      model: 'claude-sonnet-4-6',
      priceInput: 3,
      priceOutput: 15,
      priceCached: 0.3,
      tokenRatio: 1,
      connectionId: claude.id,
      connection: { apiKey: ANTHROPIC_KEY, baseUrl: 'https://api.anthropic.com' },
    })
    assert.equal(resolved.provider.key, 'anthropic')

    ;(
      await client
        .put('/api/v1/plugins/llm-anthropic')
        .bearerToken(token)
        .json({ enabled: false })
    ).assertStatus(200)

    const usable = await client.get('/api/v1/threads/models').bearerToken(token)
    assert.deepEqual(
      usable.body().data.map((model: any) => model.id),
      [llama]
    )
    const providers = await client.get('/api/v1/threads/providers').bearerToken(token)
    assert.deepEqual(
      providers.body().data.map((provider: any) => provider.key),
      ['openai']
    )
    const refusedCreate = await client
      .post('/api/v1/threads/connections')
      .bearerToken(token)
      .json({ name: 'Claude again', provider: 'anthropic', apiKey: ANTHROPIC_KEY })
    refusedCreate.assertStatus(422)
    assert.exists(errorOn(refusedCreate, 'provider'))
    const refusedSync = await client
      .post(`/api/v1/threads/connections/${claude.id}/sync`)
      .bearerToken(token)
    refusedSync.assertStatus(422)
    assert.exists(errorOn(refusedSync, 'provider'))

    const listed = await client.get('/api/v1/threads/connections').bearerToken(token)
    assert.containsSubset(
      listed.body().data.find((entry: any) => entry.id === claude.id),
      { providerEnabled: false, providerLabel: 'Anthropic (Claude)' }
    )

    const error = await withTenant(tenant.id, (trx) => resolveModel(trx, sonnet)).catch((e) => e)
    assert.instanceOf(error, UnprocessableError)
    assert.equal(error.errors[0].field, 'modelId')
    assert.match(error.errors[0].message, /Anthropic \(Claude\) is not enabled/)
    const fallback = await withTenant(tenant.id, (trx) => defaultModelId(trx))
    assert.equal(fallback, llama)

    await client.put('/api/v1/plugins/llm-anthropic').bearerToken(token).json({ enabled: true })
    const back = await withTenant(tenant.id, (trx) => resolveModel(trx, sonnet))
    assert.equal(back.id, sonnet)
  })

  test('resolveModel refuses missing and disabled models; deleting a connection leaves threads without a model', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('llm-resolve')
    const gateway = await addConnection(client, token, { name: 'Gateway', provider: 'openai' })
    const added = await client
      .post(`/api/v1/threads/connections/${gateway.id}/models`)
      .bearerToken(token)
      .json({ model: 'llama3', displayName: 'Llama 3' })
    const modelId = added.body().data.id

    const refusal = (id: string) =>
      withTenant(tenant.id, (trx) => resolveModel(trx, id)).catch((error) => error)
    const disabled = await refusal(modelId)
    assert.instanceOf(disabled, UnprocessableError)
    assert.match(disabled.errors[0].message, /Llama 3 is disabled/)
    const missing = await refusal('00000000-0000-4000-8000-000000000000')
    assert.match(missing.errors[0].message, /does not exist/)
    assert.equal((await refusal('not-a-uuid')).errors[0].field, 'modelId')

    await client
      .patch(`/api/v1/threads/models/${modelId}`)
      .bearerToken(token)
      .json({ enabled: true })
    await client
      .patch(`/api/v1/threads/connections/${gateway.id}`)
      .bearerToken(token)
      .json({ enabled: false })
    assert.match((await refusal(modelId)).errors[0].message, /connection "Gateway".*disabled/)
    assert.isNull(await withTenant(tenant.id, (trx) => defaultModelId(trx)))

    const projectId = await makeProject(client, token, 'Chats')
    const threadId = await withTenant(tenant.id, async (trx) => {
      const [row] = await trx
        .table('threads')
        .insert({ tenant_id: tenant.id, project_id: projectId, name: 'Uses llama', model_id: modelId })
        .returning('id')
      return row.id as string
    })
    ;(
      await client.delete(`/api/v1/threads/connections/${gateway.id}`).bearerToken(token)
    ).assertStatus(204)
    const thread = await withTenant(tenant.id, (trx) =>
      trx.from('threads').where('id', threadId).first()
    )
    assert.isNull(thread.model_id)
    const models = await withTenant(tenant.id, (trx) => trx.from('llm_models').select('id'))
    assert.lengthOf(models, 0)
  })

  test('token ratio moves toward reported/estimated within [0.5, 2]; cost is per million tokens', async ({
    client,
    assert,
  }) => {
    const { tenant, token } = await makeTenant('llm-ratio')
    const gateway = await addConnection(client, token, { name: 'Gateway', provider: 'openai' })
    const added = await client
      .post(`/api/v1/threads/connections/${gateway.id}/models`)
      .bearerToken(token)
      .json({ model: 'llama3', enabled: true })
    const modelId = added.body().data.id
    const ratio = () =>
      withTenant(tenant.id, async (trx) =>
        Number((await trx.from('llm_models').where('id', modelId).first()).token_ratio)
      )

    await withTenant(tenant.id, (trx) => calibrateTokenRatio(trx, modelId, 100, 150))
    assert.closeTo(await ratio(), 1.1, 1e-6)
    // An outlandish report counts as 2 (the bound), and moves the ratio by a fifth of the way.
    await withTenant(tenant.id, (trx) => calibrateTokenRatio(trx, modelId, 100, 10_000))
    assert.closeTo(await ratio(), 1.28, 1e-6)
    for (let i = 0; i < 40; i++) {
      await withTenant(tenant.id, (trx) => calibrateTokenRatio(trx, modelId, 100, 10_000))
    }
    const high = await ratio()
    assert.isAtMost(high, 2)
    assert.isAbove(high, 1.99)
    for (let i = 0; i < 40; i++) {
      await withTenant(tenant.id, (trx) => calibrateTokenRatio(trx, modelId, 100, 1))
    }
    const low = await ratio()
    assert.isAtLeast(low, 0.5)
    assert.isBelow(low, 0.51)
    await withTenant(tenant.id, (trx) => calibrateTokenRatio(trx, modelId, 0, 100))
    assert.equal(await ratio(), low)

    const prices = { priceInput: 3, priceOutput: 15, priceCached: 0.3 }
    assert.closeTo(
      costOf(prices, { inputTokens: 1_000_000, outputTokens: 100_000, cachedInputTokens: 400_000 }),
      600_000 * 3e-6 + 400_000 * 0.3e-6 + 100_000 * 15e-6,
      1e-9
    )
    assert.equal(costOf(prices, { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 }), 0)
  })
})
