import type { State } from '../domain/lifecycle.ts'

/** Colours a screen is drawn with; values are anything Ink's `color` accepts. */
export type Theme = {
  readonly id: string
  readonly name: string
  readonly fg: string
  readonly bg: string | undefined
  readonly accent: string
  readonly muted: string
  readonly border: string
  readonly selectionBg: string
  readonly selectionFg: string
  readonly header: string
  readonly statusBg: string
  readonly statusFg: string
  readonly states: Readonly<Record<State, string>>
}

const classicStates = { idle: 'gray', active: 'yellow', success: 'green', fail: 'red' } as const

/**
 * reference/ui.md §3.4's nine themes in the reference's cycle order, then the two that its
 * SPEC promised but never shipped (Dracula, Monochrome) and a high-contrast one (ui.md).
 */
export const THEMES: readonly Theme[] = [
  {
    id: 'the-grey',
    name: 'The Grey',
    fg: '#d0d0d0',
    bg: undefined,
    accent: '#8fb3d9',
    muted: '#808080',
    border: '#5f5f5f',
    selectionBg: '#4e4e4e',
    selectionFg: '#ffffff',
    header: '#e4e4e4',
    statusBg: '#3a3a3a',
    statusFg: '#d0d0d0',
    states: { idle: '#8a8a8a', active: '#e0b050', success: '#7fbf7f', fail: '#e06c6c' },
  },
  {
    id: 'deep-dark-green',
    name: 'Deep Dark Green',
    fg: '#b8e0b8',
    bg: '#0b1a0f',
    accent: '#4cd964',
    muted: '#5c8a66',
    border: '#2e5e3a',
    selectionBg: '#1f4d2b',
    selectionFg: '#eaffea',
    header: '#7cf59a',
    statusBg: '#123820',
    statusFg: '#b8e0b8',
    states: { idle: '#6f9a7a', active: '#e6d96a', success: '#4cd964', fail: '#ff6b6b' },
  },
  {
    id: 'maudlin-maroon',
    name: 'Maudlin Maroon',
    fg: '#f0d8d8',
    bg: '#2a0d12',
    accent: '#e07a8a',
    muted: '#a07078',
    border: '#6b2a35',
    selectionBg: '#5a1f2a',
    selectionFg: '#ffffff',
    header: '#ffb3c0',
    statusBg: '#45141d',
    statusFg: '#f0d8d8',
    states: { idle: '#b89098', active: '#f0c060', success: '#90d090', fail: '#ff5c5c' },
  },
  {
    id: 'neon-nights',
    name: 'Neon Nights',
    fg: '#e0e0ff',
    bg: '#0d0221',
    accent: '#ff2a6d',
    muted: '#7a6fa0',
    border: '#05d9e8',
    selectionBg: '#3b0a6b',
    selectionFg: '#05d9e8',
    header: '#ff2a6d',
    statusBg: '#1a0540',
    statusFg: '#d1f7ff',
    states: { idle: '#7a6fa0', active: '#f9c80e', success: '#05d9e8', fail: '#ff2a6d' },
  },
  {
    id: 'bright-n-breezy',
    name: 'Bright n Breezy',
    fg: '#1f2933',
    bg: '#f5f7fa',
    accent: '#0967d2',
    muted: '#616e7c',
    border: '#9aa5b1',
    selectionBg: '#bae3ff',
    selectionFg: '#002159',
    header: '#0b69a3',
    statusBg: '#d9e2ec',
    statusFg: '#1f2933',
    states: { idle: '#616e7c', active: '#b44d12', success: '#1f7a3f', fail: '#ba2525' },
  },
  {
    id: 'contrast-my-disco',
    name: 'Contrast My Disco',
    fg: '#ffffff',
    bg: '#000000',
    accent: '#ff00ff',
    muted: '#c0c0c0',
    border: '#00ffff',
    selectionBg: '#ffff00',
    selectionFg: '#000000',
    header: '#00ff00',
    statusBg: '#ff00ff',
    statusFg: '#000000',
    states: { idle: '#c0c0c0', active: '#ffff00', success: '#00ff00', fail: '#ff0000' },
  },
  {
    id: 'lo-fi',
    name: 'Lo-Fi',
    fg: '#d8cfc4',
    bg: '#2b2622',
    accent: '#c9a66b',
    muted: '#8c8279',
    border: '#5a514a',
    selectionBg: '#4a423b',
    selectionFg: '#f2e9dc',
    header: '#e8c890',
    statusBg: '#3a332e',
    statusFg: '#d8cfc4',
    states: { idle: '#8c8279', active: '#d9a55b', success: '#9cb380', fail: '#c97064' },
  },
  {
    id: 'brain-fuzz',
    name: 'Brain Fuzz',
    fg: '#e8e0f0',
    bg: '#1c1526',
    accent: '#b388ff',
    muted: '#8a7ca0',
    border: '#4a3a66',
    selectionBg: '#3d2d5c',
    selectionFg: '#ffffff',
    header: '#d1b3ff',
    statusBg: '#2a1f3a',
    statusFg: '#e8e0f0',
    states: { idle: '#8a7ca0', active: '#ffcc66', success: '#80e0a0', fail: '#ff7a90' },
  },
  {
    id: 'k-pop',
    name: 'K-Pop',
    fg: '#2d1b3d',
    bg: '#fff0f8',
    accent: '#ff4fa3',
    muted: '#8a6f8f',
    border: '#ffa3d1',
    selectionBg: '#ffd1ea',
    selectionFg: '#5a0036',
    header: '#d6247a',
    statusBg: '#ffc2e2',
    statusFg: '#2d1b3d',
    states: { idle: '#8a6f8f', active: '#e07b00', success: '#1f9d6b', fail: '#d6245a' },
  },
  {
    id: 'dracula',
    name: 'Dracula',
    fg: '#f8f8f2',
    bg: '#282a36',
    accent: '#bd93f9',
    muted: '#6272a4',
    border: '#44475a',
    selectionBg: '#44475a',
    selectionFg: '#f8f8f2',
    header: '#ff79c6',
    statusBg: '#44475a',
    statusFg: '#f8f8f2',
    states: { idle: '#6272a4', active: '#f1fa8c', success: '#50fa7b', fail: '#ff5555' },
  },
  {
    id: 'monochrome',
    name: 'Monochrome',
    fg: 'white',
    bg: undefined,
    accent: 'white',
    muted: 'gray',
    border: 'gray',
    selectionBg: 'white',
    selectionFg: 'black',
    header: 'white',
    statusBg: 'gray',
    statusFg: 'black',
    states: { idle: 'gray', active: 'white', success: 'white', fail: 'white' },
  },
  {
    id: 'high-contrast',
    name: 'High Contrast',
    fg: 'whiteBright',
    bg: 'black',
    accent: 'yellowBright',
    muted: 'white',
    border: 'whiteBright',
    selectionBg: 'yellowBright',
    selectionFg: 'black',
    header: 'cyanBright',
    statusBg: 'whiteBright',
    statusFg: 'black',
    states: { ...classicStates, idle: 'white', active: 'yellowBright', success: 'greenBright' },
  },
]

export const DEFAULT_THEME = THEMES[0]!

const slug = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/** Finds a theme by id (`the-grey`) or by name in any case (`The Grey`). */
export const findTheme = (name: string): Theme | undefined =>
  THEMES.find((t) => t.id === slug(name))

export function nextTheme(current: Theme, delta = 1): Theme {
  const i = THEMES.findIndex((t) => t.id === current.id)
  return THEMES[(i + delta + THEMES.length) % THEMES.length]!
}
