/*
| A labelled retrieval set: documents, queries and graded judgements.
| Two sources: the Cranfield collection's files, and a JSON file in the
| documented format (docs/retrieval-evaluation.md) that a tenant supplies.
*/
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface LabelledSet {
  name: string
  documents: { id: string; title: string; text: string }[]
  queries: { id: string; text: string }[]
  /** query id → document id → gain (higher is more relevant; 0 or absent is not relevant). */
  judgements: Map<string, Map<string, number>>
  /** The gain from which a document counts as relevant for recall and MRR. */
  relevantFrom: number
}

/** Splits a SMART-format file into records of `.X` fields. */
function smartRecords(source: string) {
  const records: { id: string; fields: Record<string, string> }[] = []
  let field = ''
  for (const line of source.split('\n')) {
    const marker = line.match(/^\.([ITABW])\s*(.*)$/)
    if (marker?.[1] === 'I') {
      records.push({ id: marker[2].trim(), fields: {} })
      field = ''
    } else if (marker) {
      field = marker[1]
      records.at(-1)!.fields[field] = ''
    } else if (field && records.length) {
      records.at(-1)!.fields[field] += `${line}\n`
    }
  }
  return records
}

const tidy = (text = '') =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .trim()

/**
 * Cranfield: 1,400 abstracts, 225 queries numbered by position, judgements
 * coded 1 (complete answer) to 4 (minimum interest); code −1 is treated as
 * not relevant. Gain is 5 − code; codes 1–3 count as relevant.
 */
export async function loadCranfield(folder: string): Promise<LabelledSet> {
  const [documents, queries, qrels] = await Promise.all(
    ['cran.all.1400', 'cran.qry', 'cranqrel'].map((file) => readFile(join(folder, file), 'utf8'))
  )
  const judgements = new Map<string, Map<string, number>>()
  for (const line of qrels.split('\n')) {
    const [query, document, code] = line.trim().split(/\s+/).map(Number)
    if (!query || !document || !(code >= 1 && code <= 4)) continue
    if (!judgements.has(String(query))) judgements.set(String(query), new Map())
    judgements.get(String(query))!.set(String(document), 5 - code)
  }
  return {
    name: 'cranfield',
    documents: smartRecords(documents).map(({ id, fields }) => ({
      id,
      title: tidy(fields.T) || `Document ${id}`,
      text: tidy(fields.W),
    })),
    queries: smartRecords(queries).map(({ fields }, index) => ({
      id: String(index + 1),
      text: tidy(fields.W),
    })),
    judgements,
    relevantFrom: 2,
  }
}

/** The JSON format a tenant uploads: see docs/retrieval-evaluation.md. */
export async function loadJsonSet(path: string): Promise<LabelledSet> {
  return parseJsonSet(JSON.parse(await readFile(path, 'utf8')))
}

/** Longest set name: it names the evaluation project (and its slug) the documents go to. */
export const SET_NAME_LIMIT = 60

/** A labelled set from its parsed JSON (an upload, or the copy a background job keeps). */
export function parseJsonSet(data: any): LabelledSet {
  if (
    !data ||
    !Array.isArray(data.documents) ||
    !Array.isArray(data.queries) ||
    !Array.isArray(data.judgements)
  ) {
    throw new Error('A labelled set needs "documents", "queries" and "judgements" arrays')
  }
  const name = String(data.name ?? 'custom').trim()
  if (name.length === 0 || name.length > SET_NAME_LIMIT) {
    throw new Error(`"name" must be 1 to ${SET_NAME_LIMIT} characters`)
  }
  const judgements = new Map<string, Map<string, number>>()
  for (const { query, document, relevance } of data.judgements) {
    if (!judgements.has(String(query))) judgements.set(String(query), new Map())
    judgements.get(String(query))!.set(String(document), Number(relevance))
  }
  return {
    name,
    documents: data.documents.map((doc: any) => ({
      id: String(doc.id),
      title: String(doc.title ?? doc.id),
      text: String(doc.text),
    })),
    queries: data.queries.map((query: any) => ({ id: String(query.id), text: String(query.text) })),
    judgements,
    relevantFrom: Number(data.relevantFrom ?? 1),
  }
}
