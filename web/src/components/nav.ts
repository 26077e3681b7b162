/** @module The app's places, named once for the sidebar, the palette and the admin tabs. */
import { service } from '../api/service.ts'

export const PROJECT_VIEWS = [
  ['board', 'Board'],
  ['list', 'List'],
  ['tree', 'Hierarchy'],
  ['graph', 'Graph'],
  ['stories', 'Stories'],
  ['requirements', 'Requirements'],
  ['settings', 'Settings'],
] as const

export const ADMIN_SECTIONS = [
  ['users', 'Users'],
  ['agents', 'Agents'],
  ['teams', 'Teams'],
  ['roles', 'Roles'],
  ['workflows', 'Workflows'],
  ['settings', 'Settings'],
] as const

// A full reload after sign-out drops every cached answer that belonged to the old session.
export const signOut = async () => {
  await service.logout()
  window.location.assign('/')
}
