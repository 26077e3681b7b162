import { Box, type Key, Text } from 'ink'
import { useReducer, useRef, useState } from 'react'
import { TicketError } from '../../domain/errors.ts'
import { terminalSafe } from '../../domain/terminal-text.ts'
import { useScreen, useTui } from '../context.ts'
import { refusal } from '../hints.ts'
import { useExternalEditor } from '../hooks/use-external-editor.ts'
import { editText, type TextEdit, textEdit } from '../text-edit.ts'
import { TextField } from './text-field.tsx'

export type FieldSpec =
  | { readonly name: string; readonly label: string; readonly kind: 'text' | 'textarea' }
  | {
      readonly name: string
      readonly label: string
      readonly kind: 'choice'
      readonly options: readonly string[]
    }

export type FormValues = Record<string, string>

// A focused text area shows this many lines; the form fits in 24 rows with one open.
const TEXTAREA_ROWS = 5

/**
 * A form over plain string fields. Every printable key reaches the focused text field (the
 * view keys are off while a form is open). Tab/Shift+Tab and ↑/↓ move between fields, ←/→
 * change a choice, Enter moves on (a newline in a text area), Ctrl+S saves, Esc cancels
 * (asking first when something was changed). In a text area ↑/↓ move between its lines and
 * Ctrl+E opens the text in $EDITOR.
 * `submit` returns the line to show; a refusal (TicketError) stays in the form to be fixed.
 */
export function Form(props: {
  title: string
  fields: readonly FieldSpec[]
  initial: FormValues
  width: number
  height: number
  submit: (values: FormValues) => Promise<string>
  done: (text: string | undefined) => void
}) {
  const { theme } = useTui()
  const { fields } = props
  // Held in a ref, not state: keys that arrive together are applied one after another
  // before React renders again, and each must see the previous one's effect.
  const form = useRef({
    edits: Object.fromEntries(
      fields.map((f) => [f.name, textEdit(props.initial[f.name] ?? '')]),
    ) as Record<string, TextEdit>,
    focus: 0,
    busy: false,
    // Esc on a changed draft asks first; the next key answers.
    confirming: false,
  })
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const [error, setError] = useState<string | undefined>()
  const [crash, setCrash] = useState<unknown>()
  if (crash) throw crash
  const { edits, focus, busy } = form.current

  const save = () => {
    if (form.current.busy) return
    form.current.busy = true
    redraw()
    const values = Object.fromEntries(
      Object.entries(form.current.edits).map(([k, e]) => [k, e.value]),
    )
    props.submit(values).then(props.done, (e: unknown) => {
      form.current.busy = false
      if (e instanceof TicketError) setError(refusal(e))
      else setCrash(e)
    })
  }
  const move = (delta: number) => {
    const f = form.current
    f.focus = (f.focus + delta + fields.length + 1) % (fields.length + 1)
    redraw()
  }
  const put = (name: string, edit: TextEdit) => {
    form.current.edits = { ...form.current.edits, [name]: edit }
    redraw()
  }

  const editor = useExternalEditor()
  const external = (name: string) => {
    editor(form.current.edits[name]!.value, `${name}.md`).then(
      (text) => put(name, textEdit(text)),
      (e: unknown) => {
        if (e instanceof TicketError) setError(refusal(e))
        else setCrash(e)
      },
    )
  }
  const changed = () =>
    fields.some((f) => form.current.edits[f.name]!.value !== (props.initial[f.name] ?? ''))
  const onKey = (input: string, key: Key) => {
    if (form.current.confirming) {
      form.current.confirming = false
      if (input === 'y' || input === 'Y') return props.done(undefined)
      return redraw()
    }
    if (key.escape) {
      if (!changed()) return props.done(undefined)
      form.current.confirming = true
      return redraw()
    }
    if (key.ctrl && input === 's') return save()
    if (key.tab) return move(key.shift ? -1 : 1)
    const field = fields[form.current.focus]
    if (!field) {
      if (key.return) return save()
      if (key.upArrow) return move(-1)
      if (key.downArrow) return move(1)
      return
    }
    const current = form.current.edits[field.name]!
    if (field.kind === 'textarea' && key.ctrl && input === 'e') return external(field.name)
    if (field.kind === 'choice') {
      const options = field.options
      const i = options.indexOf(current.value)
      const pick = (d: number) =>
        put(field.name, textEdit(options[(i + d + options.length) % options.length]!))
      if (key.leftArrow) return pick(-1)
      if (key.rightArrow || input === ' ') return pick(1)
      if (key.return || key.downArrow) return move(1)
      if (key.upArrow) return move(-1)
      return
    }
    const next = editText(current, input, key, field.kind === 'textarea')
    if (next) return put(field.name, next)
    if (key.upArrow) return move(-1)
    if (key.downArrow || (key.return && field.kind === 'text')) return move(1)
  }
  useScreen({ handle: () => false, input: onKey }, true)

  const labelWidth = Math.max(...fields.map((f) => f.label.length)) + 2
  const valueWidth = Math.max(10, props.width - labelWidth - 4)
  return (
    <Box flexDirection="column" width={props.width} height={props.height} paddingX={1}>
      <Text color={theme.header} bold>
        {props.title}
      </Text>
      <Text color={theme.muted}>
        Tab/↑/↓ move · ←/→ choose · Enter next (newline in text areas) · Ctrl+E $EDITOR · Ctrl+S
        save · Esc cancel
      </Text>
      <Text> </Text>
      {fields.map((f, i) => (
        <Box key={f.name}>
          <Text color={i === focus ? theme.accent : theme.muted} bold={i === focus}>
            {`${i === focus ? '▸' : ' '} ${f.label}`.padEnd(labelWidth + 1)}
          </Text>
          {f.kind === 'choice' ? (
            <Text color={theme.fg}>
              {i === focus ? '◂ ' : '  '}
              {terminalSafe(edits[f.name]!.value || '(none)')}
              {i === focus ? ' ▸' : ''}
            </Text>
          ) : (
            <TextField
              edit={edits[f.name]!}
              focused={i === focus}
              theme={theme}
              width={valueWidth}
              rows={f.kind === 'textarea' ? TEXTAREA_ROWS : 1}
            />
          )}
        </Box>
      ))}
      <Text> </Text>
      <Text
        {...(focus === fields.length
          ? { backgroundColor: theme.selectionBg, color: theme.selectionFg }
          : { color: theme.accent })}
        bold
      >
        {busy ? ' [ saving… ] ' : ' [ Save ] '}
      </Text>
      {error && <Text color="red">{terminalSafe(`error: ${error}`)}</Text>}
      {form.current.confirming && (
        <Text backgroundColor={theme.selectionBg} color={theme.selectionFg} bold>
          {' Discard the changes? (y/n) '}
        </Text>
      )}
    </Box>
  )
}
