import type { Control, Overlay } from './control.ts'
import type { Theme } from './themes.ts'
import { DetailView } from './views/detail-view.tsx'
import { HelpView } from './views/help-view.tsx'
import { ProjectForm } from './views/project-form.tsx'
import { TicketForm } from './views/ticket-form.tsx'

/** The pane an overlay draws in place of the view: help, a ticket's detail, or a form. */
export function OverlayPane(props: {
  overlay: Overlay | undefined
  control: Control
  theme: Theme
  width: number
  height: number
}) {
  const { overlay, control: c, width, height } = props
  const finished = (text: string | undefined) => {
    c.setOverlay(undefined)
    if (text) {
      c.say(text)
      c.refresh()
    }
  }
  switch (overlay?.kind) {
    case 'help':
      return <HelpView theme={props.theme} width={width} height={height} offset={overlay.offset} />
    case 'detail':
      return (
        <DetailView
          ticketKey={overlay.key}
          width={width}
          height={height}
          onStep={(delta) => {
            const now = c.overlay()
            if (now?.kind !== 'detail') return
            const next = now.from?.neighbour?.(now.key, delta)
            if (next) c.setOverlay({ ...now, key: next.key })
          }}
        />
      )
    case 'ticket-form':
      return (
        <TicketForm
          mode={overlay}
          width={width}
          height={height}
          done={(overlay.mode === 'edit' && overlay.finish) || finished}
        />
      )
    case 'project-form':
      return (
        <ProjectForm
          prefix={overlay.prefix}
          width={width}
          height={height}
          done={(text, created) => {
            if (created) c.chooseProject(created)
            finished(text)
          }}
        />
      )
    default:
      return null
  }
}
