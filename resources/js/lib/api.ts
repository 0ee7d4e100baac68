/*
| The console talks to the same JSON API as every other client: the session
| cookie authenticates, the XSRF-TOKEN cookie is echoed for CSRF protection.
*/
export interface ApiResult<T> {
  ok: boolean
  status: number
  data: T
  /** Field name → message, from a 422. */
  fieldErrors: Record<string, string>
  /** A message for the whole form (401, 403, 404, 409, 429, 5xx). */
  message: string | null
}

export function xsrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/)
  return match ? decodeURIComponent(match[1]) : ''
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        'accept': 'application/json',
        'x-xsrf-token': xsrfToken(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    return { ok: false, status: 0, data: null as T, fieldErrors: {}, message: 'The server cannot be reached. Check your connection and try again.' }
  }
  const text = await response.text()
  const data = text ? JSON.parse(text) : null
  const fieldErrors: Record<string, string> = {}
  let message: string | null = null
  if (!response.ok) {
    const errors: { field?: string; message: string }[] = data?.errors ?? []
    for (const error of errors) if (error.field) fieldErrors[error.field] ??= error.message
    message = errors.find((error) => !error.field)?.message ?? data?.message ?? null
    if (response.status === 429) {
      const seconds = response.headers.get('retry-after')
      message = `Too many attempts. Try again in ${seconds ?? 'a few'} seconds.`
    }
    if (!message && response.status !== 422) message = `The request failed (${response.status}).`
  }
  return { ok: response.ok, status: response.status, data, fieldErrors, message }
}
