import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { Popover } from '../../components/ui.tsx'
import { useLabelColour } from './label-colours.tsx'

/** The swatches offered first; any other colour comes from the browser's own picker. */
const SWATCHES = [
  ['red', '#c0262d'],
  ['orange', '#d9730d'],
  ['yellow', '#b8860b'],
  ['green', '#1a7f37'],
  ['teal', '#0f8a8a'],
  ['blue', '#2f6fd6'],
  ['indigo', '#4c44d4'],
  ['purple', '#8a3ffc'],
  ['pink', '#c2377d'],
  ['brown', '#8b5a2b'],
  ['grey', '#6b7280'],
  ['none', ''],
] as const

/** Chooses a label's colour, for the whole project: every card, row and page shows it. */
export function LabelColourPicker({ project, name }: { project: string; name: string }) {
  const colour = useLabelColour()(name) ?? ''
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [error, setError] = useState('')
  const choose = async (color: string) => {
    try {
      await service.updateLabel(project, name, { color })
      await qc.invalidateQueries({ queryKey: keys.labels(project) })
      setError('')
      setOpen(false)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  return (
    <Popover
      label={`Colour of label ${name}`}
      open={open}
      onOpenChange={setOpen}
      trigger={
        <span
          className="swatch"
          style={{ background: colour || 'transparent' }}
          aria-hidden="true"
        />
      }
    >
      <p className="popover-title">Colour of “{name}”</p>
      <div className="colour-grid">
        {SWATCHES.map(([word, hex]) => (
          <button
            key={word}
            type="button"
            aria-label={word}
            title={word}
            aria-pressed={colour === hex}
            className={hex ? undefined : 'no-colour'}
            style={{ '--swatch': hex || 'transparent' } as React.CSSProperties}
            onClick={() => void choose(hex)}
          />
        ))}
      </div>
      <label className="inline">
        Other
        <input
          type="color"
          value={/^#[0-9a-f]{6}$/i.test(colour) ? colour : '#888888'}
          onChange={(e) => void choose(e.target.value)}
        />
      </label>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </Popover>
  )
}
