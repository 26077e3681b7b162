import { Modal } from './modal.tsx'

const KEYS: readonly (readonly [string, string])[] = [
  ['/', 'Search'],
  ['c', 'Create a ticket in this project'],
  ['j / k', 'Next / previous ticket in the list or the board lane'],
  ['Enter', 'Open the focused ticket'],
  ['e', 'Edit the title on a ticket page'],
  ['← → ↑ ↓', 'Move between cards on the board'],
  ['Shift + ← / →', 'Move the focused card to the previous / next stage'],
  ['d', 'Archive the focused card'],
  ['u', 'Undo the last board move or archive'],
  ['?', 'Show this help'],
]

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <table className="keys">
        <tbody>
          {KEYS.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </Modal>
  )
}
