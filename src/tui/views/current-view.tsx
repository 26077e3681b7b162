import type { Control } from '../control.ts'
import { findTheme } from '../themes.ts'
import { BoardView } from './board-view.tsx'
import { ListView } from './list-view.tsx'
import { ProjectsView } from './projects-view.tsx'
import { SettingsView } from './settings-view.tsx'
import { SummaryView } from './summary-view.tsx'
import { TreeView } from './tree-view.tsx'
import { WorkflowsView } from './workflows-view.tsx'

/** The view chosen in the tab bar, with its filter and cursor from the TUI state. */
export function CurrentView(props: {
  control: Control
  width: number
  height: number
  active: boolean
}) {
  const { control: c, ...common } = props
  const { state } = c
  switch (state.view) {
    case 'summary':
      return (
        <SummaryView
          {...common}
          cursor={state.cursors.summary ?? 0}
          selected={state.selected.summary}
          setCursor={c.setCursor('summary')}
        />
      )
    case 'list':
      return state.tree ? (
        <TreeView
          {...common}
          cursor={state.cursors.list ?? 0}
          selected={state.selected.list}
          setCursor={c.setCursor('list')}
          expanded={state.expanded}
          setExpanded={(expanded) => c.update({ expanded })}
        />
      ) : (
        <ListView
          {...common}
          title="List"
          query={state.filters.list ?? ''}
          cursor={state.cursors.list ?? 0}
          selected={state.selected.list}
          setCursor={c.setCursor('list')}
        />
      )
    case 'ideas':
      return (
        <ListView
          {...common}
          title="Ideas (requirements)"
          query={state.filters.ideas ?? ''}
          fixed={{ type: 'requirement' }}
          cursor={state.cursors.ideas ?? 0}
          selected={state.selected.ideas}
          setCursor={c.setCursor('ideas')}
        />
      )
    case 'board':
      return (
        <BoardView
          {...common}
          query={state.filters.board ?? ''}
          cursor={state.cursors.board ?? 0}
          selected={state.selected.board}
          setCursor={c.setCursor('board')}
        />
      )
    case 'projects':
      return (
        <ProjectsView
          {...common}
          cursor={state.cursors.projects ?? 0}
          selected={state.selected.projects}
          setCursor={c.setCursor('projects')}
          use={(p) => {
            c.chooseProject(p.prefix)
            c.say(`using project ${p.prefix}`)
          }}
          edit={(prefix) => c.setOverlay({ kind: 'project-form', prefix })}
        />
      )
    case 'workflows':
      return (
        <WorkflowsView
          {...common}
          cursor={state.cursors.workflows ?? 0}
          selected={state.selected.workflows}
          setCursor={c.setCursor('workflows')}
          ask={(label, submit) =>
            c.setOverlay({ kind: 'prompt', label, initial: '', submit, back: undefined })
          }
          confirm={(question, yes) =>
            c.setOverlay({ kind: 'confirm', question, yes, back: undefined })
          }
          perform={c.perform}
        />
      )
    case 'settings':
      return (
        <SettingsView
          {...common}
          current={findTheme(state.theme)!}
          persist={state.persist}
          cursor={state.cursors.settings}
          setCursor={c.setCursor('settings')}
          preview={c.preview}
          choose={(t) => {
            c.preview(undefined)
            c.update({ theme: t.id })
            c.say(`theme: ${t.name}`)
          }}
          togglePersist={() => c.update({ persist: !state.persist })}
        />
      )
  }
}
