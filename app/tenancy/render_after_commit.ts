import type { HttpContext } from '@adonisjs/core/http'

/**
 * A page whose props are resolved but whose HTML is not rendered yet. The
 * route returns it as its body; the tenant middleware renders it once the
 * request's transaction has committed.
 */
class PendingPage {
  constructor(readonly render: () => Promise<unknown>) {}
}

/**
 * Splits `ctx.inertia.render` for this request in two: the props (the page's
 * own and the shared ones, which read through ctx.tenant.trx) resolve at once,
 * inside the transaction; server-side rendering of the HTML waits until
 * `renderPending()` is called after commit, so the seconds SSR can take never
 * hold a pooled connection inside an open transaction. Inertia visits (JSON,
 * no rendering) answer at once.
 */
export function renderPagesAfterCommit(ctx: HttpContext) {
  const inertia = ctx.inertia as HttpContext['inertia'] | undefined
  if (!inertia) return async () => {}
  const renderNow = inertia.render.bind(inertia)

  type Render = typeof inertia.render
  const deferred = async (...[page, props, viewProps]: Parameters<Render>) => {
    const pageObject = await inertia.page(page, props)
    // render() resolves props through page(); once resolved they are reused as they are.
    const finish = async () => {
      Object.defineProperty(inertia, 'page', { value: async () => pageObject, configurable: true })
      try {
        return await renderNow(page, props, viewProps)
      } finally {
        delete (inertia as { page?: unknown }).page
      }
    }
    if (inertia.requestInfo().isInertiaRequest) return finish()
    return new PendingPage(finish)
  }
  inertia.render = deferred as unknown as Render

  return async function renderPending() {
    const body = ctx.response.getBody()
    if (body instanceof PendingPage) ctx.response.send(await body.render())
  }
}
