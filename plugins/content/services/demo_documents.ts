/*
| The content plugin's part of the development demo workspace: a few sample
| documents in the demo project, added through the content service so the
| worker chunks and indexes them. Idempotent by file name.
*/
import type { ActionContext } from '#tenancy/action_context'
import { createContent } from './content_service.js'
import { itemsNamed } from './content_queries.js'

/** The sample documents of the demo project, by file name (which also makes them idempotent). */
export const DEMO_DOCUMENTS: { filename: string; title: string; body: string }[] = [
  {
    filename: 'welcome.md',
    title: 'Welcome to ContextNexus',
    body: `# Welcome to ContextNexus

This workspace is a demo: one program, one project and a few documents, so you can
look around before adding your own.

## Programs and projects

A **program** groups related projects; a **project** holds content, its members and
their roles (viewer, editor, admin). This document lives in the *Handbook* project
of the *Getting started* program.

## Content

Upload Markdown, text, code, PDF, Word, HTML and images. Each upload is kept with its
versions, split into passages (chunks) and indexed for search. Edit a text document
and a new version is recorded; the previous one stays one click away.

## Search

Search finds passages by their words (full text), by their meaning (semantic) or by
both (hybrid). Try searching for "versions" or "trash".

## Versions

Every edit of a text document, and every upload of a file as a new version of an
item, is kept as a numbered version. Compare two versions side by side, or restore an
older one: restoring records a new version, so nothing is ever lost.

## Tags

Tags group items across a project: create a tag, give it a colour, and attach it to
as many items as you like. The library filters by tag, and the count beside each tag
says how many items carry it.

## Trash

Deleting an item moves it to the project's trash. Restore it from there, or — as a
project admin — delete it for good. Items in the trash never appear in the library or
in search results.

## Your own content

Create a program and a project of your own, invite colleagues with a role each, and
upload a few files. Uploading a file whose name the project already holds asks whether
it is a new version of that item or a second item beside it.
`,
  },
  {
    filename: 'writing-good-notes.md',
    title: 'Writing notes that search well',
    body: `# Writing notes that search well

## Use headings

Headings split a document into passages. A search hit shows the heading of its
passage, so a heading that names its subject makes a result easy to judge.

## One subject per section

A passage that talks about one thing ranks well for that thing. Long sections that
mix subjects rank moderately for all of them.

## Say the words people search for

Write the terms your colleagues use, including abbreviations: "SLA (service level
agreement)" is found by both.

## Describe files that carry no text

An image has no words of its own: give it a title and a description so it can be
found.
`,
  },
  {
    filename: 'retry.ts',
    title: 'retry.ts — retry with exponential backoff',
    body: `/**
 * Calls \`operation\` until it succeeds, waiting longer after each failure
 * (100 ms, 200 ms, 400 ms, …) and giving up after \`attempts\` tries.
 */
export async function retry<T>(operation: () => Promise<T>, attempts = 5): Promise<T> {
  let delay = 100
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (attempt >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay *= 2
    }
  }
}
`,
  },
]

/** Adds the sample documents the project lacks; returns how many it added. */
export async function seedDemoDocuments(ctx: ActionContext, projectId: string) {
  let added = 0
  for (const document of DEMO_DOCUMENTS) {
    const [present] = await itemsNamed(ctx.tenant.trx, projectId, document.filename)
    if (present) continue
    await createContent(ctx, {
      projectId,
      title: document.title,
      bytes: Buffer.from(document.body, 'utf8'),
      filename: document.filename,
    })
    added++
  }
  return added
}
