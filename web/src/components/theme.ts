import { useState } from 'react'

export type Theme = 'system' | 'light' | 'dark'

const stored = (): Theme => {
  const t = localStorage.getItem('tk-theme')
  return t === 'light' || t === 'dark' ? t : 'system'
}

/** Follows the system setting until the user picks light or dark (public/theme.js applies it early). */
export function useTheme(): [Theme, (next: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(stored)
  const change = (next: Theme) => {
    setTheme(next)
    if (next === 'system') {
      localStorage.removeItem('tk-theme')
      delete document.documentElement.dataset.theme
    } else {
      localStorage.setItem('tk-theme', next)
      document.documentElement.dataset.theme = next
    }
  }
  return [theme, change]
}
