import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { loadCranfield, loadJsonSet } from '../services/evaluation/dataset.js'
import { evaluateRetrieval } from '../services/evaluation/evaluate.js'

/** Measures search quality on a labelled set: recall@10, MRR@10, nDCG@10 per mode and baseline. */
export default class SearchEval extends BaseCommand {
  static commandName = 'search:eval'
  static description = 'Evaluate retrieval quality on a labelled query set (Cranfield or your own)'
  static options: CommandOptions = { startApp: true }

  @flags.string({
    description: 'Workspace (slug or domain) whose index is evaluated',
    required: true,
  })
  declare tenant: string

  @flags.string({
    description: 'Folder of the Cranfield files',
    default: '../shared/data/cranfield',
  })
  declare cranfield: string

  @flags.string({
    description: 'A labelled set in the JSON format of docs/retrieval-evaluation.md',
  })
  declare file?: string

  @flags.number({ description: 'Evaluate only the first N queries' })
  declare queries?: number

  @flags.boolean({ description: 'Print the results as JSON' })
  declare json: boolean

  async run() {
    const set = this.file
      ? await loadJsonSet(this.app.makePath(this.file))
      : await loadCranfield(this.app.makePath(this.cranfield))
    this.logger.info(
      `${set.name}: ${set.documents.length} documents, ${set.queries.length} queries, workspace "${this.tenant}"`
    )
    const { results } = await evaluateRetrieval({
      tenant: this.tenant,
      set,
      queryLimit: this.queries,
      progress: ({ percent, step }) => this.logger.info(`${percent}% ${step}`),
    })
    if (this.json) {
      this.logger.log(JSON.stringify(results, null, 2))
      return
    }
    const table = this.ui.table().head(['mode', 'recall@10', 'MRR@10', 'nDCG@10', 'median ms'])
    for (const row of results) {
      table.row([
        row.mode,
        row.recallAt10.toFixed(4),
        row.mrrAt10.toFixed(4),
        row.ndcgAt10.toFixed(4),
        row.medianMs.toFixed(1),
      ])
    }
    table.render()
  }
}
