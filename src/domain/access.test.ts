import { describe, expect, it } from 'vitest'
import { allows, effectiveRole } from './access.ts'

describe('effectiveRole', () => {
  it('makes an admin owner of every project, private or not', () => {
    expect(effectiveRole({ userRole: 'admin', member: null, visibility: 'private' })).toBe('owner')
  })
  it('gives members their role and everyone else viewer on public projects only', () => {
    expect(effectiveRole({ userRole: 'user', member: 'editor', visibility: 'private' })).toBe(
      'editor',
    )
    expect(effectiveRole({ userRole: 'user', member: null, visibility: 'public' })).toBe('viewer')
    expect(effectiveRole({ userRole: 'user', member: null, visibility: 'private' })).toBeNull()
  })
})

describe('allows', () => {
  it('orders viewer < editor < owner', () => {
    expect(allows('viewer', 'read')).toBe(true)
    expect(allows('viewer', 'write')).toBe(false)
    expect(allows('editor', 'write')).toBe(true)
    expect(allows('editor', 'manage')).toBe(false)
    expect(allows('owner', 'manage')).toBe(true)
    expect(allows(null, 'read')).toBe(false)
  })
})
