/*
| A tenant ready to chat: a project, a connection to a fake vendor (OpenAI or
| Anthropic wire format) with one enabled, priced model, and a thread.
*/
import { makeTenant } from '#tests/helpers/tenants'
import { startFakeOpenAI } from '#tests/helpers/fake_openai'
import { startFakeAnthropic } from '#tests/helpers/fake_anthropic'
import type { FakeVendor } from '#tests/helpers/fake_vendor_base'
import { makeProject } from '#plugins/content/tests/functional/helpers'
import { generationsSettled } from '#plugins/threads/services/generation_runner'

export interface ChatWorld {
  tenantId: string
  adminId: string
  token: string
  projectId: string
  connectionId: string
  modelId: string
  threadId: string
  vendor: FakeVendor
}

async function created(response: any, what: string) {
  if (response.status() !== 201) {
    throw new Error(`${what}: ${response.status()} ${JSON.stringify(response.body())}`)
  }
  return response.body().data
}

export async function makeChatWorld(
  client: any,
  options: {
    provider?: 'openai' | 'anthropic'
    model?: string
    contextWindow?: number
    maxOutput?: number
    label?: string
  } = {}
): Promise<ChatWorld> {
  const provider = options.provider ?? 'openai'
  const vendor = provider === 'openai' ? await startFakeOpenAI() : await startFakeAnthropic()
  const { tenant, admin, token } = await makeTenant(options.label ?? 'chat')
  const projectId = await makeProject(client, token, 'Research')
  const connection = await created(
    await client.post('/api/v1/threads/connections').bearerToken(token).json({
      name: provider === 'openai' ? 'Fake OpenAI' : 'Fake Anthropic',
      provider,
      baseUrl: vendor.baseUrl,
      apiKey: 'sk-test-key-0000',
    }),
    'connection'
  )
  const model = await created(
    await client
      .post(`/api/v1/threads/connections/${connection.id}/models`)
      .bearerToken(token)
      .json({
        model: options.model ?? (provider === 'openai' ? 'gpt-4o' : 'claude-sonnet-4-6'),
        displayName: 'Test model',
        contextWindow: options.contextWindow ?? 16000,
        maxOutput: options.maxOutput ?? 1000,
        priceInput: 2,
        priceOutput: 8,
        priceCached: 1,
        enabled: true,
      }),
    'model'
  )
  const thread = await created(
    await client
      .post(`/api/v1/threads/projects/${projectId}`)
      .bearerToken(token)
      .json({ name: 'Questions', modelId: model.id }),
    'thread'
  )
  return {
    tenantId: tenant.id,
    adminId: admin.id,
    token,
    projectId,
    connectionId: connection.id,
    modelId: model.id,
    threadId: thread.id,
    vendor,
  }
}

/** Asks in the thread (202) and returns the answer's id. */
export async function askIn(client: any, world: ChatWorld, content: string, extra: object = {}) {
  const response = await client
    .post(`/api/v1/threads/${world.threadId}/messages`)
    .bearerToken(world.token)
    .json({ content, ...extra })
  if (response.status() !== 202) {
    throw new Error(`ask: ${response.status()} ${JSON.stringify(response.body())}`)
  }
  return response.body().data as { question: any; answer: any; streamUrl: string }
}

/** The branch shown (through `leafId` when given). */
export async function branch(client: any, world: ChatWorld, leafId?: string) {
  const response = await client
    .get(`/api/v1/threads/${world.threadId}/messages`)
    .qs(leafId ? { leafId } : {})
    .bearerToken(world.token)
  response.assertStatus(200)
  return response.body().data as any[]
}

/** Waits until every generation this process runs has ended and been saved. */
export const settled = generationsSettled

/** The server's own address (the app runs in the test process). */
export const serverUrl = (path: string) =>
  `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT}${path}`
