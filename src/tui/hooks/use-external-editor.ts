import { useApp, useStdout } from 'ink'
import { useCallback } from 'react'
import { editExternally } from '../external-editor.ts'
import { MOUSE_OFF, MOUSE_ON } from '../mouse.ts'

/**
 * Edits a text in $EDITOR with the terminal handed over: Ink leaves the alternate screen and
 * cooked mode, mouse reports stop, and all of it comes back (with a full redraw) afterwards.
 */
export function useExternalEditor(): (text: string, name: string) => Promise<string> {
  const { suspendTerminal } = useApp()
  const { stdout } = useStdout()
  return useCallback(
    async (text, name) => {
      let saved = text
      await suspendTerminal(() => {
        stdout.write(MOUSE_OFF)
        try {
          saved = editExternally(text, name)
        } finally {
          stdout.write(MOUSE_ON)
        }
      })
      return saved
    },
    [suspendTerminal, stdout],
  )
}
