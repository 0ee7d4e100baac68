import vine from '@vinejs/vine'
import { consolePages, definePlugin, projectTabs, PLUGIN_API_VERSION } from '#plugins_core/contract'
import { llmProviders } from './services/extension_points.js'
import routes from './routes.js'
import { loadModelsConsole } from './services/models_console.js'
import { loadThreadsPage } from './services/threads_page.js'
import { startSweeping, stopSweeping } from './services/generation_sweeper.js'
import { closeGenerationBus } from './services/generation_bus.js'
import { generationsSettled } from './services/generation_runner.js'

/**
 * Threads: conversations with LLMs inside a project, over a context the member
 * chooses (items, chunks, tags) and can inspect message by message. Providers
 * (OpenAI-compatible, Anthropic, …) are plugins contributing to `llm.providers`.
 */
export default definePlugin({
  name: 'threads',
  version: '0.1.0',
  apiVersion: PLUGIN_API_VERSION,
  requires: ['content'],
  description:
    'Threads in projects: chat with AI models over the documents and passages you choose, and see exactly what each answer was given.',
  capabilities: ['threads', 'chat', 'context-builder'],
  settings: vine.create(
    vine.object({
      retrievedChunks: vine.number().withoutDecimals().range([0, 50]),
      maxConcurrentGenerations: vine.number().withoutDecimals().range([1, 20]),
    })
  ),
  defaultSettings: { retrievedChunks: 8, maxConcurrentGenerations: 3 },
  routes,

  register({ declare }) {
    declare(llmProviders)
  },

  boot({ contribute }) {
    contribute(consolePages, {
      slug: 'models',
      title: 'AI models',
      component: 'plugins/threads/models',
      load: loadModelsConsole,
    })
    contribute(projectTabs, {
      slug: 'threads',
      title: 'Threads',
      component: 'plugins/threads/threads',
      load: loadThreadsPage,
    })
  },

  start({ app }) {
    // Web servers end answers an instance left half-written; tests sweep when they mean to.
    if (app.getEnvironment() === 'web' && !app.inTest) startSweeping()
  },

  async shutdown() {
    stopSweeping()
    // Answers being written finish (or, after 20 s, stop) and are saved before the connections close.
    await generationsSettled(20_000)
    await closeGenerationBus()
  },
})
