// Applies a stored light/dark choice before first paint (the CSP forbids inline scripts).
;(() => {
  try {
    const t = localStorage.getItem('tk-theme')
    if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t
  } catch {
    // Storage can be blocked; the system setting then applies.
  }
})()
