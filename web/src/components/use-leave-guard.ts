import { useEffect } from 'react'

/**
 * While `message` is set (unsaved text), leaving asks first: a click on a link inside the app,
 * and closing or reloading the page (where the browser shows its own question).
 */
export function useLeaveGuard(message: string | null) {
  useEffect(() => {
    if (!message) return
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]')
      if (!(link instanceof HTMLAnchorElement) || link.origin !== window.location.origin) return
      if (window.confirm(message)) return
      // Capturing on the window runs before the router's own click handlers.
      e.preventDefault()
      e.stopPropagation()
    }
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('click', onClick, true)
    window.addEventListener('beforeunload', onUnload)
    return () => {
      window.removeEventListener('click', onClick, true)
      window.removeEventListener('beforeunload', onUnload)
    }
  }, [message])
}
