import { describe, expect, it } from 'vitest'
import { allows, effectiveRole } from './access.ts'

const base = { admin: false, member: null, team: null, visibility: 'private' } as const

describe('effectiveRole', () => {
  it('makes an admin owner of every project, private or not', () => {
    expect(effectiveRole({ ...base, admin: true })).toBe('owner')
  })
  it('prefers the direct membership, then the team role, then viewer on public projects', () => {
    expect(effectiveRole({ ...base, member: 'viewer', team: 'owner' })).toBe('viewer')
    expect(effectiveRole({ ...base, team: 'editor' })).toBe('editor')
    expect(effectiveRole({ ...base, visibility: 'public' })).toBe('viewer')
    expect(effectiveRole(base)).toBeNull()
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
