/*
| The context builder and the path to the first token.
|
| 1. Assembly from 1,000 candidate passages (~300 tokens each) plus chosen
|    items and 20 messages of history, counted with gpt-4o's tokenizer
|    (o200k_base, the real llm-openai provider), at a 16k and a 128k window.
|    Baseline in the same run: tokenizing every candidate (what a builder that
|    counts candidates instead of what goes in would pay).
| 2. Time to first token: through the platform's server side (context read
|    from PostgreSQL, assembled, messages and record written, committed, the
|    generation started, its first delta on the Redis bus as a reader sees it)
|    vs the official OpenAI SDK straight to the same local fake vendor. HTTP
|    routing and authentication are not included (the same for any endpoint).
*/
import OpenAI from 'openai'
import { randomUUID } from 'node:crypto'
import { createTenant } from '#services/tenant_onboarding'
import { withTenant } from '#tenancy/with_tenant'
import { assembleContext, type BuilderInput } from '#plugins/threads/services/context_builder'
import { openaiProvider } from '#plugins/llm-openai/services/openai_provider'
import { resolveModel } from '#plugins/threads/services/model_catalog'
import { gatherContext } from '#plugins/threads/services/context_sources'
import { addMessage } from '#plugins/threads/services/message_tree'
import { recordContext } from '#plugins/threads/services/context_record'
import { startGeneration, generationsSettled } from '#plugins/threads/services/generation_runner'
import { generationBus } from '#plugins/threads/services/generation_bus'
import { startFakeOpenAI } from '#tests/helpers/fake_openai'
import { random, timed, vocabulary } from './support.js'

const CANDIDATES = 1000
const WORDS_PER_PASSAGE = 230
const RUNS = 50

function passage(words: { word: () => string }, count: number) {
  return Array.from({ length: count }, () => words.word()).join(' ')
}

function assemblyInput(window: number, words: { word: () => string }): BuilderInput {
  const count = (text: string) => openaiProvider.countTokens('gpt-4o', text).tokens
  const retrieved = Array.from({ length: CANDIDATES }, (_, index) => {
    const body = passage(words, WORDS_PER_PASSAGE)
    return {
      chunkId: `c${index}`,
      itemId: `i${index % 50}`,
      itemTitle: `Document ${index % 50}`,
      heading: null,
      body,
      // Stored at ingestion (cl100k_base), as content_chunks.token_count is.
      tokenCount: Math.round(body.length / 4),
      score: 1 - index / CANDIDATES,
    }
  })
  return {
    model: 'gpt-4o',
    contextWindow: window,
    reservedOutput: 4096,
    count,
    systemPrompt: null,
    items: Array.from({ length: 5 }, (_, index) => ({
      itemId: `chosen${index}`,
      title: `Chosen ${index}`,
      pinned: index === 0,
      relevance: 1 - index / 10,
      tokenBudget: null,
      chunks: [0, 1].map((part) => {
        const body = passage(words, WORDS_PER_PASSAGE)
        return {
          id: `chosen${index}-${part}`,
          heading: null,
          body,
          tokenCount: Math.round(body.length / 4),
        }
      }),
    })),
    retrieved,
    history: Array.from({ length: 20 }, (_, index) => ({
      id: `h${index}`,
      role: index % 2 ? ('assistant' as const) : ('user' as const),
      content: passage(words, 60),
    })),
    userMessage: passage(words, 30),
  }
}

async function assemblyFigures(log: (line: string) => void) {
  const words = vocabulary(20_000, random(7))
  for (const window of [16_000, 128_000]) {
    const input = assemblyInput(window, words)
    assembleContext(input) // warm the tokenizer
    const builder = await timed(RUNS, async () => assembleContext(input))
    const baseline = await timed(Math.max(5, RUNS / 10), async () => {
      for (const candidate of input.retrieved) input.count(candidate.body)
    })
    const result = assembleContext(input)
    const retrieved = result.parts.filter((part) => part.origin === 'retrieved').length
    log(
      `assembly, ${CANDIDATES} candidates, ${window / 1000}k window (${retrieved} passages in, ${result.used} tokens): ` +
        `p50 ${builder.p50.toFixed(1)} ms, p95 ${builder.p95.toFixed(1)} ms (goal p95 ≤ 30 ms) | ` +
        `baseline tokenizing every candidate: p50 ${baseline.p50.toFixed(1)} ms (${(baseline.p50 / builder.p50).toFixed(1)}× the builder)`
    )
  }
}

async function firstTokenFigures(log: (line: string) => void) {
  const vendor = await startFakeOpenAI()
  const { tenant, admin } = await createTenant({
    name: 'Bench chat',
    slug: `bench-chat-${randomUUID().slice(0, 6)}`,
    admin: { email: 'chat@bench.test', fullName: 'Bench', password: 'benchmark-password' },
  })
  const ids = await withTenant(tenant.id, async (trx) => {
    const [program] = await trx
      .table('programs')
      .insert({ tenant_id: tenant.id, name: 'Bench', slug: 'bench', created_by: admin.id })
      .returning('id')
    const [project] = await trx
      .table('projects')
      .insert({
        tenant_id: tenant.id,
        program_id: program.id,
        name: 'Bench',
        slug: 'bench',
        created_by: admin.id,
      })
      .returning('id')
    const [connection] = await trx
      .table('llm_connections')
      .insert({ tenant_id: tenant.id, name: 'Fake', provider: 'openai', base_url: vendor.baseUrl })
      .returning('id')
    const [model] = await trx
      .table('llm_models')
      .insert({
        tenant_id: tenant.id,
        connection_id: connection.id,
        model: 'gpt-4o',
        display_name: 'GPT-4o',
        context_window: 16000,
        max_output: 1000,
        enabled: true,
      })
      .returning('id')
    const [thread] = await trx
      .table('threads')
      .insert({
        tenant_id: tenant.id,
        project_id: project.id,
        name: 'Bench',
        model_id: model.id,
        settings: JSON.stringify({ retrievedChunks: 0 }),
      })
      .returning('*')
    return { modelId: model.id as string, thread }
  })
  const bus = generationBus()

  const direct = new OpenAI({ apiKey: 'bench', baseURL: vendor.baseUrl, maxRetries: 0 })
  const straight = await timed(RUNS, async () => {
    vendor.reply({ chunks: ['First', ' token'] })
    const stream = await direct.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) break
  })

  const platform = await timed(RUNS, async () => {
    vendor.reply({ chunks: ['First', ' token'] })
    const answerId = await withTenant(tenant.id, async (trx) => {
      const model = await resolveModel(trx, ids.modelId)
      const gathered = await gatherContext(trx, {
        thread: ids.thread,
        model,
        history: [],
        userMessage: 'Hello',
        retrievedChunks: 0,
      })
      const assembled = assembleContext(gathered.input)
      const base = { tenantId: tenant.id, threadId: ids.thread.id }
      const question = await addMessage(
        trx,
        { ...base, role: 'user', content: 'Hello', userId: admin.id },
        null
      )
      const answer = await addMessage(
        trx,
        {
          ...base,
          role: 'assistant',
          content: '',
          status: 'streaming',
          modelId: model.id,
          modelName: model.model,
        },
        question.id
      )
      await recordContext(trx, tenant.id, answer.id, model, assembled, gathered.methods)
      return {
        id: answer.id,
        job: {
          tenantId: tenant.id,
          messageId: answer.id,
          model,
          request: assembled.request,
          estimatedInput: assembled.used,
        },
      }
    })
    const first = new Promise<void>((resolve) => {
      const stop = bus.watch(answerId.id, () => {
        stop()
        resolve()
      })
    })
    void startGeneration(answerId.job)
    await first
  })
  await generationsSettled()
  await vendor.close()
  const overhead = { p50: platform.p50 - straight.p50, p95: platform.p95 - straight.p95 }
  log(
    `time to first token: platform p50 ${platform.p50.toFixed(1)} ms, p95 ${platform.p95.toFixed(1)} ms | ` +
      `straight to the vendor p50 ${straight.p50.toFixed(1)} ms, p95 ${straight.p95.toFixed(1)} ms | ` +
      `overhead p50 ${overhead.p50.toFixed(1)} ms, p95 ${overhead.p95.toFixed(1)} ms (goal ≤ 20 ms p95)`
  )
}

export default async function contextBenchmark({
  log,
}: {
  scale: number
  log: (line: string) => void
}) {
  await assemblyFigures(log)
  await firstTokenFigures(log)
}
