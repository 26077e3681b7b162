/** @module How many colours the terminal UI draws with, read from the terminal it runs in. */

/** 0 none, 1 the 16 basic colours, 2 the 256-colour palette, 3 24-bit colour. */
export type ColourLevel = 0 | 1 | 2 | 3

/**
 * The colour level for a full-screen UI on a terminal. It differs from the usual detection on
 * one point: a `CI` variable does not turn colour off. The UI only runs on an interactive
 * terminal, so a `CI` left in the environment (a CI job's shell, a container started by one)
 * says nothing about what that terminal can draw; honouring it drew every theme as plain text on
 * the terminal's own background. `FORCE_COLOR=0…3` still decides when given.
 */
export function colourLevel(env: Readonly<Record<string, string | undefined>>): ColourLevel {
  const forced = env.FORCE_COLOR
  if (forced !== undefined && /^[0-3]$/.test(forced)) return Number(forced) as ColourLevel
  if (forced === 'false') return 0
  const term = env.TERM ?? ''
  if (term === 'dumb') return 0
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3
  if (['xterm-kitty', 'xterm-ghostty', 'wezterm'].includes(term)) return 3
  if (env.TERM_PROGRAM === 'iTerm.app')
    return Number.parseInt(env.TERM_PROGRAM_VERSION ?? '', 10) >= 3 ? 3 : 2
  if (env.TERM_PROGRAM === 'Apple_Terminal') return 2
  if (/-256(color)?$/i.test(term)) return 2
  return 1
}
