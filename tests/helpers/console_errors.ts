import { decoratorsCollection } from '@japa/browser-client'
import type { Group } from '@japa/runner/core'

/*
| Every page a browser test opens reports its console errors, uncaught exceptions and
| Vue's hydration warnings here; a test that leaves any fails, whatever it asserted.
| A refused request (a 4xx the test provoked on purpose) is the browser reporting a
| status, not the page failing, so it does not count.
*/
const problems: string[] = []

const EXPECTED = [/^Failed to load resource: the server responded with a status of 4\d\d/]
const HYDRATION = /hydration/i

decoratorsCollection.register({
  page(page) {
    page.on('console', (message) => {
      const text = message.text()
      if (message.type() === 'error' && !EXPECTED.some((pattern) => pattern.test(text))) {
        problems.push(`console error on ${page.url()}: ${text}`)
      } else if (message.type() === 'warning' && HYDRATION.test(text)) {
        problems.push(`hydration warning on ${page.url()}: ${text}`)
      }
    })
    page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`))
  },
})

/** Fails each test of the group whose pages logged a problem. */
export function failOnConsoleErrors(group: Group) {
  group.each.setup(() => {
    problems.length = 0
    return () => {
      if (problems.length) {
        const found = problems.splice(0)
        throw new Error(`The page reported ${found.length} problem(s):\n${found.join('\n')}`)
      }
    }
  })
}
