import { useMutation, useQueryClient } from '@tanstack/react-query'
import { keys } from '../../api/keys.ts'
import { useStatus } from '../../api/queries.ts'
import { service } from '../../api/service.ts'
import { ErrorNote } from '../../components/error-note.tsx'
import { ChatSettings } from './chat-settings.tsx'

export function SystemSettings() {
  const status = useStatus()
  const qc = useQueryClient()
  const registration = useMutation({
    mutationFn: (enabled: boolean) => service.setRegistration(enabled),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.status }),
  })
  const enabled = status.data?.registration_enabled ?? false
  return (
    <>
      <h1>Settings</h1>
      <label className="inline">
        <input
          type="checkbox"
          checked={enabled}
          disabled={registration.isPending}
          onChange={(e) => registration.mutate(e.target.checked)}
        />
        Allow new user registration
      </label>
      <ErrorNote error={registration.error} />
      <ChatSettings />
      <p className="muted">Server version {status.data?.server_version ?? 'unknown'}.</p>
    </>
  )
}
