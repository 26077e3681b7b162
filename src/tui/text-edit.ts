import type { Key } from 'ink'

/** A text being edited and the cursor's position in it (in UTF-16 units). */
export type TextEdit = { readonly value: string; readonly cursor: number }

export const textEdit = (value: string): TextEdit => ({ value, cursor: value.length })

/**
 * Applies one key to a text. Returns undefined for keys a text field does not use (Tab,
 * Escape, arrows up/down on one line…) so the form can use them to move between fields.
 */
export function editText(
  t: TextEdit,
  input: string,
  key: Key,
  multiline: boolean,
): TextEdit | undefined {
  const { value, cursor } = t
  if (key.leftArrow) return { value, cursor: Math.max(0, cursor - 1) }
  if (key.rightArrow) return { value, cursor: Math.min(value.length, cursor + 1) }
  if (key.home || (key.ctrl && input === 'a')) return { value, cursor: lineStart(value, cursor) }
  if (key.end || (key.ctrl && input === 'e')) return { value, cursor: lineEnd(value, cursor) }
  // Terminals send DEL (0x7f) for the Backspace key; Ink reports it as `delete` on some.
  if (key.backspace || key.delete) {
    if (cursor === 0) return t
    return { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 }
  }
  if (key.ctrl && input === 'k') return { value: value.slice(0, cursor), cursor }
  // As in readline: Ctrl+U deletes back to the line's start (the whole entry in a prompt).
  if (key.ctrl && input === 'u') {
    const start = lineStart(value, cursor)
    return { value: value.slice(0, start) + value.slice(cursor), cursor: start }
  }
  // In a text area ↑/↓ move between its lines; only the first and last let the form have them.
  if (multiline && (key.upArrow || key.downArrow)) return verticalMove(t, key.upArrow ? -1 : 1)
  if (key.return) return multiline ? insert(t, '\n') : undefined
  if (key.ctrl || key.meta || key.tab || key.escape || key.upArrow || key.downArrow)
    return undefined
  if (key.pageUp || key.pageDown || input === '') return undefined
  // A paste arrives as one input; keep its newlines only where the field allows them.
  return insert(t, multiline ? input.replace(/\r\n?/g, '\n') : input.replace(/[\r\n]+/g, ' '))
}

const insert = (t: TextEdit, s: string): TextEdit => ({
  value: t.value.slice(0, t.cursor) + s + t.value.slice(t.cursor),
  cursor: t.cursor + s.length,
})

/** The cursor one line up or down, at the same column or the line's end; undefined at the edge. */
function verticalMove(t: TextEdit, delta: -1 | 1): TextEdit | undefined {
  const { value, cursor } = t
  const start = lineStart(value, cursor)
  const column = cursor - start
  if (delta < 0) {
    if (start === 0) return undefined
    const above = lineStart(value, start - 1)
    return { value, cursor: Math.min(above + column, start - 1) }
  }
  const end = lineEnd(value, cursor)
  if (end === value.length) return undefined
  return { value, cursor: Math.min(end + 1 + column, lineEnd(value, end + 1)) }
}

const lineStart = (v: string, c: number) => v.lastIndexOf('\n', c - 1) + 1
const lineEnd = (v: string, c: number) => {
  const i = v.indexOf('\n', c)
  return i < 0 ? v.length : i
}

/**
 * Ink delivers text that arrives in one read as one input ("jj", "title\tmore\r"). A key
 * handler wants keys: this replays such input one key at a time, with Tab and Enter as keys.
 */
export function forEachKey(input: string, key: Key, handle: (input: string, key: Key) => void) {
  if (input.length <= 1 || key.ctrl || key.meta || key.escape) return handle(input, key)
  for (const part of input.match(/\t|\r|\n|[^\t\r\n]/gu) ?? []) {
    const tab = part === '\t'
    const enter = part === '\r' || part === '\n'
    handle(tab || enter ? '' : part, { ...key, tab, return: enter })
  }
}
