import { decoratorsCollection } from '@japa/browser-client'
import type { Group } from '@japa/runner/core'

/*
| Every page a browser test opens reports its console errors, uncaught exceptions and
| Vue's hydration warnings here; a test that leaves any fails, whatever it asserted.
| A refused request (a 4xx the test provoked on purpose) is the browser reporting a
| status, not the page failing, so it does not count.
*/
const problems: string[] = []
/** Errors the running test provokes on purpose (reset for every test). */
const expected: RegExp[] = []

const EXPECTED = [/^Failed to load resource: the server responded with a status of 4\d\d/]
const HYDRATION = /hydration/i

decoratorsCollection.register({
  page(page) {
    page.on('console', (message) => {
      const text = message.text()
      const allowed = [...EXPECTED, ...expected]
      if (message.type() === 'error' && !allowed.some((pattern) => pattern.test(text))) {
        problems.push(`console error on ${page.url()}: ${text}`)
      } else if (message.type() === 'warning' && HYDRATION.test(text)) {
        problems.push(`hydration warning on ${page.url()}: ${text}`)
      }
    })
    page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`))
  },
})

/**
 * Lets the running test provoke console errors matching `pattern` on purpose (e.g. a CSP
 * refusal it asserts itself); any other error still fails it.
 */
export function expectConsoleErrors(pattern: RegExp) {
  expected.push(pattern)
}

/** Fails each test of the group whose pages logged a problem. */
export function failOnConsoleErrors(group: Group) {
  group.each.setup(() => {
    problems.length = 0
    expected.length = 0
    return () => {
      if (problems.length) {
        const found = problems.splice(0)
        throw new Error(`The page reported ${found.length} problem(s):\n${found.join('\n')}`)
      }
    }
  })
}
