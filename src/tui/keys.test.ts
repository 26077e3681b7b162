import type { Key } from 'ink'
import { describe, expect, it } from 'vitest'
import { BINDINGS, keyName, resolveKey } from './keys.ts'

const key = (k: Partial<Key> = {}): Key => ({
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
  ...k,
})

describe('keyName', () => {
  it('names keys the way the binding table writes them', () => {
    expect(keyName('j', key())).toBe('j')
    expect(keyName('G', key({ shift: true }))).toBe('G')
    expect(keyName('', key({ rightArrow: true, shift: true }))).toBe('S-right')
    expect(keyName('', key({ tab: true, shift: true }))).toBe('S-tab')
    expect(keyName('c', key({ ctrl: true }))).toBe('C-c')
    expect(keyName(' ', key())).toBe('space')
    expect(keyName('', key({ return: true }))).toBe('enter')
  })
})

describe('resolveKey', () => {
  it('gives the ui.md keys their meaning', () => {
    expect(resolveKey('list', 'j')).toBe('down')
    expect(resolveKey('list', 'up')).toBe('up')
    expect(resolveKey('list', 'enter')).toBe('open')
    expect(resolveKey('list', 'tab')).toBe('next-view')
    expect(resolveKey('list', '/')).toBe('filter')
    expect(resolveKey('list', 'n')).toBe('new')
    expect(resolveKey('list', 's')).toBe('start')
    expect(resolveKey('list', 'c')).toBe('complete')
    expect(resolveKey('list', 'f')).toBe('fail')
    expect(resolveKey('list', 'a')).toBe('assign-me')
    expect(resolveKey('list', 'q')).toBe('quit')
    expect(resolveKey('list', '?')).toBe('help')
  })

  it('lets a screen override a global key: arrows move between lanes on the board', () => {
    expect(resolveKey('list', 'right')).toBe('next-view')
    expect(resolveKey('board', 'right')).toBe('right')
    expect(resolveKey('board', 'S-right')).toBe('move-right')
    expect(resolveKey('board', 'S-up')).toBe('raise')
    expect(resolveKey('board', 'D')).toBe('archive')
    expect(resolveKey('board', 'U')).toBe('undo')
    expect(resolveKey('board', 'E')).toBe('edit')
    expect(resolveKey('detail', 'down')).toBe('down')
    expect(resolveKey('settings', 'enter')).toBe('select')
  })

  it('has no key bound twice within one scope', () => {
    const seen = new Set<string>()
    for (const b of BINDINGS)
      for (const k of b.keys) {
        const id = `${b.scope}:${k}`
        expect(seen.has(id), id).toBe(false)
        seen.add(id)
      }
  })
})
