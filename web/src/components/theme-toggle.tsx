import { useState } from 'react'

type Theme = 'system' | 'light' | 'dark'
const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' }

const stored = (): Theme => {
  const t = localStorage.getItem('tk-theme')
  return t === 'light' || t === 'dark' ? t : 'system'
}

/** Follows the system setting until the user picks light or dark (public/theme.js applies it early). */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(stored)
  const change = () => {
    const next = NEXT[theme]
    setTheme(next)
    if (next === 'system') {
      localStorage.removeItem('tk-theme')
      delete document.documentElement.dataset.theme
    } else {
      localStorage.setItem('tk-theme', next)
      document.documentElement.dataset.theme = next
    }
  }
  return (
    <button type="button" onClick={change} title="Change theme (auto follows the system)">
      Theme: {theme === 'system' ? 'auto' : theme}
    </button>
  )
}
