import { describe, expect, it } from 'vitest'
import { moveCursor, scrollTop } from './cursor.ts'

describe('moveCursor', () => {
  it('stays inside the rows', () => {
    expect(moveCursor('up', 0, 10, 5)).toBe(0)
    expect(moveCursor('down', 9, 10, 5)).toBe(9)
    expect(moveCursor('page-down', 7, 10, 5)).toBe(9)
    expect(moveCursor('page-up', 3, 10, 5)).toBe(0)
    expect(moveCursor('bottom', 0, 10, 5)).toBe(9)
    expect(moveCursor('top', 5, 10, 5)).toBe(0)
    expect(moveCursor('open', 5, 10, 5)).toBeUndefined()
  })
})

describe('scrollTop', () => {
  it('scrolls only as far as needed to keep the cursor visible', () => {
    expect(scrollTop(0, 3, 5)).toBe(0)
    expect(scrollTop(0, 5, 5)).toBe(1)
    expect(scrollTop(4, 2, 5)).toBe(2)
    expect(scrollTop(0, 999, 20)).toBe(980)
  })
})
