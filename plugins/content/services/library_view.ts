import type { HttpContext } from '@adonisjs/core/http'
import MarkdownIt from 'markdown-it'
import { contentCatalog } from './catalog.js'
import { hybridSearch } from './search_service.js'
import { serializeItem, serializeTag, serializeVersion, textStatusOf } from './serializers.js'
import { highlightCode } from './highlight.js'
import { ingestionRunOf, textOf, textStatusColumns, versionsOf } from './content_queries.js'
import { projectTagsWithCounts } from './tags.js'

/* Raw HTML in markdown is shown as text, and link schemes are checked: safe to render. */
const markdown = new MarkdownIt({ html: false, linkify: true })

/** Props of the project's content library page: items, tags, a search, one opened item. */
export async function loadLibrary(ctx: HttpContext, { projectId }: { projectId?: string }) {
  const { trx } = ctx.tenant
  const q = String(ctx.request.input('q', '')).trim().slice(0, 500)
  const tagId = /^[0-9a-f-]{36}$/.test(ctx.request.input('tag', ''))
    ? ctx.request.input('tag')
    : null
  const type = ['text', 'markdown', 'code', 'pdf', 'image'].includes(ctx.request.input('type', ''))
    ? (ctx.request.input('type') as string)
    : null
  const itemId = /^[0-9a-f-]{36}$/.test(ctx.request.input('item', ''))
    ? ctx.request.input('item')
    : null

  const items = trx
    .from('content_items as i')
    .where('i.project_id', projectId!)
    .whereNull('i.deleted_at')
    .select('i.*', ...textStatusColumns(trx))
    .orderBy('i.updated_at', 'desc')
    .limit(100)
  if (type) items.where('i.content_type', type)
  if (tagId) {
    items.whereExists((tagged) =>
      tagged
        .from('content_tags as ct')
        .whereRaw('ct.content_item_id = i.id')
        .where('ct.tag_id', tagId)
    )
  }
  // The same counts as the tags API: items in the trash are not counted.
  const tags = await projectTagsWithCounts(trx, projectId!)

  let hits = null
  if (q) {
    const catalog = await contentCatalog(trx)
    const settings = await ctx.pluginSettings('content')
    hits = await hybridSearch(
      trx,
      q,
      { projectIds: [projectId!], types: type ? [type] : undefined },
      catalog.embedder(String(settings.embeddingProvider)),
      { fulltext: 1, semantic: 1, k: 60 },
      20
    )
  }

  let opened = null
  if (itemId) {
    const item = await trx
      .from('content_items')
      .where({ id: itemId, project_id: projectId })
      .whereNull('deleted_at')
      .first()
    if (item) {
      const text = await textOf(trx, item.id)
      const versions = await versionsOf(trx, item.id)
      const run = await ingestionRunOf(trx, item.id, item.current_version)
      opened = {
        ...serializeItem(item),
        body: text?.body ?? '',
        html:
          item.content_type === 'markdown'
            ? markdown.render(text?.body ?? '')
            : item.content_type === 'code'
              ? `<pre><code class="hljs">${highlightCode(text?.body ?? '', item.language) ?? ''}</code></pre>`
              : null,
        versions: versions.map(serializeVersion),
        ingestion: run ? { status: run.status as string, chunks: Number(run.chunk_count) } : null,
        textStatus: textStatusOf(run?.status, Boolean(text?.body.trim())),
      }
    }
  }

  const listed = await items
  return {
    items: listed.map((row) => ({
      ...serializeItem(row),
      ingestionStatus: row.ingestion_status ?? null,
    })),
    tags: tags.map(serializeTag),
    filters: { q, tag: tagId, type },
    hits,
    opened,
  }
}
