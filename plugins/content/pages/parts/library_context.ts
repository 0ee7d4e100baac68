import type { InjectionKey } from 'vue'

/**
 * What the library page lends its parts (provide/inject): tagging and the trash, each
 * saying how it went in a toast and refreshing the page's props.
 */
export interface LibraryActions {
  /** Puts a tag on an item (on) or takes it off; false when refused. */
  setItemTag(itemId: string, tagId: string, on: boolean): Promise<boolean>
  /** Moves an item to the trash, with an Undo in the toast; `then` runs once it is there. */
  trashItem(item: { id: string; title: string }, then?: () => void): Promise<void>
  /** Takes an item out of the trash; false when refused. */
  restoreItem(item: { id: string; title: string }): Promise<boolean>
}

export const LIBRARY_ACTIONS: InjectionKey<LibraryActions> = Symbol('library actions')
