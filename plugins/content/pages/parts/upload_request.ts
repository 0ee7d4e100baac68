import { xsrfToken } from '~/lib/api'

/* One file sent to POST /api/v1/content/uploads, and what the server answered. */

export type DuplicateChoice = 'version' | 'keep-both'
export interface Existing {
  id: string
  title: string
  version: number
}
export type UploadAnswer =
  | { kind: 'uploaded'; item: { id: string; title: string; version: number } }
  | { kind: 'conflict'; existing: Existing; message: string }
  | { kind: 'failed'; message: string }

/** One multipart upload. XHR rather than fetch: only XHR reports upload progress. */
export function sendUpload(
  upload: { projectId: string; file: File; onDuplicate: DuplicateChoice | null },
  onProgress: (percent: number) => void
) {
  const form = new FormData()
  form.append('projectId', upload.projectId)
  if (upload.onDuplicate) form.append('onDuplicate', upload.onDuplicate)
  form.append('file', upload.file)
  return new Promise<UploadAnswer>((resolve) => {
    const request = new XMLHttpRequest()
    request.open('POST', '/api/v1/content/uploads')
    request.setRequestHeader('accept', 'application/json')
    request.setRequestHeader('x-xsrf-token', xsrfToken())
    request.upload.onprogress = (event) => {
      // Held below 100 until the server has answered: the file is stored only then.
      if (event.lengthComputable)
        onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)))
    }
    request.onload = () => {
      let body: any = null
      try {
        body = JSON.parse(request.responseText || 'null')
      } catch {
        body = null
      }
      const errors: { message: string }[] = body?.errors ?? []
      const message = errors.map((entry) => entry.message).join(' ')
      if (request.status === 200 || request.status === 201) {
        resolve({ kind: 'uploaded', item: body.data })
      } else if (request.status === 409 && body?.existing) {
        resolve({ kind: 'conflict', existing: body.existing, message })
      } else if (request.status === 429) {
        const seconds = request.getResponseHeader('retry-after')
        resolve({
          kind: 'failed',
          message: `Too many uploads. Try again in ${seconds ?? 'a few'} seconds.`,
        })
      } else {
        resolve({ kind: 'failed', message: message || `The upload failed (${request.status}).` })
      }
    }
    request.onerror = () =>
      resolve({
        kind: 'failed',
        message: 'The server cannot be reached. Check your connection and try again.',
      })
    request.send(form)
  })
}
