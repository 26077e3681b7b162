/** @module Edits a text in the user's own editor ($VISUAL, $EDITOR), as git and gh do. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TicketError } from '../domain/errors.ts'

/** The editor command: $VISUAL, then $EDITOR, then vi; it may carry arguments (`code -w`). */
export const editorCommand = (env: NodeJS.ProcessEnv = process.env): string =>
  env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi'

/**
 * Opens `text` in the editor on this terminal and returns what was saved. It blocks until the
 * editor ends, so nothing else reads the terminal meanwhile; the caller hands the screen over.
 * The file is named `name` (e.g. `TK-T-4-description.md`) so editors pick Markdown.
 */
export function editExternally(text: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tk-edit-'))
  const file = join(dir, name.replace(/[^\w.-]/g, '_'))
  try {
    writeFileSync(file, text)
    const editor = editorCommand()
    // Through sh, like git: an editor setting may be a command with arguments.
    const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' })
    if (r.error || r.status !== 0)
      throw new TicketError('unavailable', `the editor "${editor}" did not finish cleanly`, {
        hint: 'set $EDITOR (or $VISUAL) to an editor that waits until the file is closed',
      })
    // Editors add a final newline; the text had none unless it ended with one.
    const saved = readFileSync(file, 'utf8')
    return text.endsWith('\n') ? saved : saved.replace(/\n$/, '')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
