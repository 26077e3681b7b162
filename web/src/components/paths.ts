/** @module What a path names: the page title and the project it is about. */

/** The document title for a path, so each view (and its browser tab) says what it is. */
export function titleOf(path: string): string {
  const view = /^\/p\/([A-Za-z]+)\/(\w+)/.exec(path)
  if (view) return `${view[1]?.toUpperCase()} ${view[2] === 'tree' ? 'hierarchy' : view[2]}`
  const ticket = /^\/t\/(.+)$/.exec(path)?.[1]
  if (ticket) return decodeURIComponent(ticket).toUpperCase()
  if (path.startsWith('/admin/')) return `Admin: ${path.slice(7)}`
  if (path.startsWith('/search')) return 'Search'
  if (path.startsWith('/chat')) return 'Chat'
  // Any other address is the not-found page, which must not call itself "Projects".
  return path === '/' || path === '' || path === '/login' ? 'Projects' : 'Page not found'
}

/** The project a path is about: `/p/CUS/…` or `/t/CUS-T-42`. */
export function projectOfPath(path: string): string | null {
  const p = /^\/p\/([A-Za-z]+)/.exec(path)?.[1] ?? /^\/t\/([A-Za-z]+)-/.exec(path)?.[1]
  return p ? p.toUpperCase() : null
}
