import { type FormEvent, useState } from 'react'
import type { WorkflowExport } from '../../../../src/domain/workflow.ts'
import { keys } from '../../api/keys.ts'
import { service } from '../../api/service.ts'
import { useChange } from '../../api/use-change.ts'
import { ErrorNote } from '../../components/error-note.tsx'

/** Saves a file the browser made, under `name`, as a download. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  URL.revokeObjectURL(url)
}

/** The server's export of one workflow (the same document `tk workflow export` writes). */
export function WorkflowExportButton({ name }: { name: string }) {
  const [error, setError] = useState<unknown>(null)
  const run = async () => {
    setError(null)
    try {
      const data = await service.exportWorkflow(name)
      download(`workflow-${name}.json`, `${JSON.stringify(data, null, 2)}\n`)
    } catch (e) {
      setError(e)
    }
  }
  return (
    <>
      <button type="button" onClick={run}>
        Export {name} as JSON
      </button>
      <ErrorNote error={error} />
    </>
  )
}

/** A workflow from an exported JSON file; the server checks the document and names what is wrong. */
export function WorkflowImport() {
  const [parseError, setParseError] = useState<Error | null>(null)
  const [imported, setImported] = useState<string | null>(null)
  const change = useChange(keys.workflows)
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = e.currentTarget
    const fields = new FormData(form)
    const file = fields.get('file')
    const name = String(fields.get('name') ?? '').trim()
    setParseError(null)
    setImported(null)
    if (!(file instanceof File) || file.size === 0) {
      setParseError(new Error('choose a workflow JSON file first'))
      return
    }
    let data: WorkflowExport
    try {
      data = JSON.parse(await file.text()) as WorkflowExport
    } catch {
      setParseError(new Error(`${file.name} is not JSON: choose a file saved by Export`))
      return
    }
    change.mutate(async () => {
      const w = await service.importWorkflow(data, name ? { name } : {})
      setImported(w.name)
      form.reset()
    })
  }
  return (
    <form className="card-form" aria-labelledby="wf-import-h" onSubmit={submit}>
      <h2 id="wf-import-h">Import a workflow</h2>
      <label>
        Workflow JSON file
        <input name="file" type="file" accept="application/json,.json" />
      </label>
      <label>
        Import as (empty: the name in the file)
        <input name="name" />
      </label>
      <button type="submit">Import workflow</button>
      {imported ? <p role="status">Imported workflow {imported}.</p> : null}
      <ErrorNote error={parseError ?? change.error} />
    </form>
  )
}
