import { makeEventWorker } from '#events/make_worker'

/** A program and a project for content tests. */
export async function makeProject(client: any, token: string, name = 'Docs') {
  const program = await client
    .post('/api/v1/programs')
    .bearerToken(token)
    .json({ name: `${name} program` })
  const project = await client
    .post('/api/v1/projects')
    .bearerToken(token)
    .json({ programId: program.body().data.id, name })
  return project.body().data.id as string
}

export async function addText(
  client: any,
  token: string,
  projectId: string,
  title: string,
  body: string,
  type = 'markdown'
) {
  const response = await client
    .post('/api/v1/content/items')
    .bearerToken(token)
    .json({ projectId, title, type, body })
  response.assertStatus(201)
  return response.body().data.id as string
}

/** A multipart upload into the project; `onDuplicate` answers a name the project already has. */
export function upload(
  client: any,
  token: string,
  projectId: string,
  contents: string | Buffer,
  filename: string,
  onDuplicate?: string
) {
  const request = client
    .post('/api/v1/content/uploads')
    .bearerToken(token)
    .field('projectId', projectId)
  if (onDuplicate) request.field('onDuplicate', onDuplicate)
  return request.file('file', Buffer.from(contents), { filename })
}

/** Runs the event worker until every pending ingestion is done. */
export async function ingestAll() {
  const worker = await makeEventWorker()
  await worker.runUntilIdle()
}

/** A minimal one-page PDF showing `text` in Helvetica, with a correct cross-reference table. */
export function makePdf(text: string) {
  const stream = `BT /F1 18 Tf 20 100 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
