import { describe, expect, it } from 'vitest'
import { formatSnapshot, parseSnapshot, SNAPSHOT_FORMAT, type Snapshot } from './snapshot.ts'

const snap: Snapshot = {
  format: SNAPSHOT_FORMAT,
  schema_version: 1,
  exported_at: '2026-11-24T08:00:00.000Z',
  sequences: { tickets: 3 },
  tables: {
    tickets: { columns: ['id', 'title', 'parent_id'], rows: [[1, 'a "quoted"\ntitle', null]] },
    labels: { columns: ['id'], rows: [] },
  },
}

describe('formatSnapshot', () => {
  it('writes JSON that reads back to the same snapshot, one line per row', () => {
    const text = formatSnapshot(snap)
    expect(JSON.parse(text)).toEqual(snap)
    expect(text).toContain('        [1,"a \\"quoted\\"\\ntitle",null]')
    expect(text.endsWith('}\n')).toBe(true)
  })
  it('handles a snapshot without tables', () => {
    expect(JSON.parse(formatSnapshot({ ...snap, tables: {} }))).toEqual({ ...snap, tables: {} })
  })
})

describe('parseSnapshot', () => {
  it('accepts a well-formed snapshot and defaults missing sequences', () => {
    expect(parseSnapshot(JSON.parse(formatSnapshot(snap)))).toEqual(snap)
    const { sequences: _, ...rest } = snap
    expect(parseSnapshot(rest).sequences).toEqual({})
  })
  it.each([
    [null, /expected an object/],
    [[], /expected an object/],
    [{ ...snap, format: 'other' }, /format/],
    [{ ...snap, schema_version: '1' }, /schema_version/],
    [{ ...snap, exported_at: 5 }, /exported_at/],
    [{ ...snap, tables: [] }, /tables/],
    [{ ...snap, tables: { t: { columns: ['a'] } } }, /columns.*rows/],
    [{ ...snap, tables: { t: { columns: [1], rows: [] } } }, /column name/],
    [{ ...snap, tables: { t: { columns: ['a'], rows: [[1, 2]] } } }, /row 1 of table "t"/],
    [{ ...snap, tables: { t: { columns: ['a'], rows: [[{}]] } } }, /row 1/],
    [{ ...snap, sequences: { t: -1 } }, /sequence "t"/],
  ])('refuses %j', (input, message) => {
    expect(() => parseSnapshot(input)).toThrow(message)
  })
})
