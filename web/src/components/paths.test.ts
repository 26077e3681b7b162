import { describe, expect, it } from 'vitest'
import { projectOfPath, titleOf } from './paths.ts'

describe('titles and projects of paths', () => {
  it('names each view', () => {
    expect(titleOf('/p/cus/board')).toBe('CUS board')
    expect(titleOf('/p/CUS/tree')).toBe('CUS hierarchy')
    expect(titleOf('/t/cus-t-42')).toBe('CUS-T-42')
    expect(titleOf('/admin/users')).toBe('Admin: users')
    expect(titleOf('/')).toBe('Projects')
    expect(titleOf('/no/such/page')).toBe('Page not found')
  })
  it('finds the project of a board or a ticket', () => {
    expect(projectOfPath('/p/cus/list')).toBe('CUS')
    expect(projectOfPath('/t/OPS-B-7')).toBe('OPS')
    expect(projectOfPath('/admin/users')).toBeNull()
  })
})
