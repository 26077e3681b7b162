import { Button, Dialog } from './ui.tsx'

const KEYS: readonly (readonly [string, string])[] = [
  ['Ctrl / ⌘ + K', 'Command palette: go anywhere, find a ticket by key or words'],
  ['/', 'Search (opens the command palette)'],
  ['c', 'Create a ticket in this project'],
  ['v', 'Go to another view (the view picker)'],
  ['j / k', 'Next / previous ticket in the list or the board lane'],
  ['Enter', 'Open the focused ticket'],
  ['e', 'Edit the title on a ticket page'],
  ['← → ↑ ↓', 'Move between cards on the board'],
  ['Shift + ← / →', 'Move the focused card to the previous / next stage'],
  ['Shift + ↑ / ↓', 'Move the focused card up / down its lane'],
  ['d', 'Archive the focused card'],
  ['u', 'Undo the last board move, reorder or archive'],
  ['?', 'Show this help'],
]

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
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
      <div className="row dialog-foot">
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  )
}
