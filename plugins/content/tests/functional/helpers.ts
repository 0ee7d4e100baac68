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

/** Runs the event worker until every pending ingestion is done. */
export async function ingestAll() {
  const worker = await makeEventWorker()
  await worker.runUntilIdle()
}
