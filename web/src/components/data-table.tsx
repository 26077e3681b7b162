import type { ReactNode } from 'react'

/** A table under a row of column headings; `empty`, when given, stands in a row of its own. */
export function DataTable(props: {
  columns: readonly string[]
  empty?: string | null
  children: ReactNode
}) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.children}
        {props.empty ? (
          <tr>
            <td colSpan={props.columns.length}>{props.empty}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  )
}
