import { ref } from 'vue'

export type ColorMode = 'light' | 'dark' | 'system'

/*
| The reader's theme. The choice lives in a plain cookie the server reads (app/services/
| color_mode.ts), so a page is rendered and painted in it from the start; "system" follows
| the operating system, decided by a small script in the page head before the first paint.
| Only the choice is rendered (never whether the system is dark), so server and browser agree.
*/
const COOKIE = 'cn_color_mode'
const ONE_YEAR = 60 * 60 * 24 * 365

const chosen = ref<ColorMode | null>(null)

export function useColorMode(fromServer: () => ColorMode) {
  function set(mode: ColorMode) {
    chosen.value = mode
    document.cookie = `${COOKIE}=${mode}; path=/; max-age=${ONE_YEAR}; samesite=lax`
    const dark =
      mode === 'dark' || (mode === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches)
    document.documentElement.classList.toggle('dark', dark)
  }
  return { mode: () => chosen.value ?? fromServer(), set }
}
