import { Box, type Key, Text } from 'ink'
import { useReducer, useRef } from 'react'
import { useScreen, useTui } from '../context.ts'
import { editText, textEdit } from '../text-edit.ts'
import { TextField } from './text-field.tsx'

/** A one-line question in the status row: Enter answers, Esc cancels (answers undefined). */
export function Prompt(props: {
  label: string
  initial: string
  width: number
  done: (value: string | undefined) => void
}) {
  const { theme } = useTui()
  // A ref, so keys arriving together each edit the text the previous one left.
  const edit = useRef(textEdit(props.initial))
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const onKey = (input: string, key: Key) => {
    if (key.escape) return props.done(undefined)
    if (key.return) return props.done(edit.current.value)
    const next = editText(edit.current, input, key, false)
    if (next) {
      edit.current = next
      redraw()
    }
  }
  useScreen({ handle: () => false, input: onKey }, true)
  const label = `${props.label}: `
  return (
    <Box width={props.width} height={1}>
      <Text color={theme.accent} bold>
        {label}
      </Text>
      <TextField edit={edit.current} focused theme={theme} width={props.width - label.length} />
    </Box>
  )
}
