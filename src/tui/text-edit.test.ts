import type { Key } from 'ink'
import { describe, expect, it } from 'vitest'
import { editText, forEachKey, textEdit } from './text-edit.ts'

const k = (over: Partial<Key> = {}) => ({ ...({} as Key), ...over })

describe('editText', () => {
  it('inserts at the cursor, moves it and deletes behind it', () => {
    let t = textEdit('helo')
    t = editText(t, '', k({ leftArrow: true }), false)!
    t = editText(t, 'l', k(), false)!
    expect(t).toEqual({ value: 'hello', cursor: 4 })
    t = editText(t, '', k({ backspace: true }), false)!
    expect(t).toEqual({ value: 'helo', cursor: 3 })
    t = editText(t, '', k({ home: true }), false)!
    expect(t.cursor).toBe(0)
  })

  it('adds newlines only in multi-line fields and leaves Enter to the form otherwise', () => {
    expect(editText(textEdit('a'), '', k({ return: true }), true)).toEqual({
      value: 'a\n',
      cursor: 2,
    })
    expect(editText(textEdit('a'), '', k({ return: true }), false)).toBeUndefined()
    expect(editText(textEdit('a'), 'x\ny', k(), false)?.value).toBe('ax y')
  })

  it('leaves Tab, Escape and up/down to the form', () => {
    for (const key of [{ tab: true }, { escape: true }, { upArrow: true }, { downArrow: true }])
      expect(editText(textEdit('a'), '', k(key), true)).toBeUndefined()
  })
})

describe('forEachKey', () => {
  it('replays text that arrived in one read as separate keys', () => {
    const seen: string[] = []
    forEachKey('ab\tc\r', k(), (input, key) =>
      seen.push(key.tab ? 'TAB' : key.return ? 'ENTER' : input),
    )
    expect(seen).toEqual(['a', 'b', 'TAB', 'c', 'ENTER'])
  })
})
