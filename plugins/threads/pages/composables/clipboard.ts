/**
 * Copies text to the clipboard; false when the browser refuses (no permission, or
 * not a secure context), so the page can say so instead of failing silently.
 */
export async function copyText(text: string) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
