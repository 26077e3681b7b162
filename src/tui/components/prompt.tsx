import { Box, Text, useInput } from 'ink'
import { useState } from 'react'
import { useTui } from '../context.ts'
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
  const [edit, setEdit] = useState(() => textEdit(props.initial))
  useInput((input, key) => {
    if (key.escape) return props.done(undefined)
    if (key.return) return props.done(edit.value)
    const next = editText(edit, input, key, false)
    if (next) setEdit(next)
  })
  const label = `${props.label}: `
  return (
    <Box width={props.width} height={1}>
      <Text color={theme.accent} bold>
        {label}
      </Text>
      <TextField edit={edit} focused theme={theme} width={props.width - label.length} />
    </Box>
  )
}
