import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { keys } from './api/keys.ts'
import { App, preloadPageFor } from './app.tsx'
import './styles.css'

// An ended session (expired, signed out elsewhere, user disabled) sends the app back to sign-in.
const onError = (error: unknown) => {
  if (error && typeof error === 'object' && 'code' in error && error.code === 'unauthenticated')
    void queryClient.invalidateQueries({ queryKey: keys.status })
}

/**
 * Only a server that could not be reached is asked again: a 4xx answer (not found, forbidden,
 * invalid) is the same the second time, and a retry only doubles the request.
 */
const retry = (failures: number, error: unknown) =>
  failures < 1 &&
  !(error && typeof error === 'object' && 'code' in error && error.code !== 'unavailable')

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    // Live events keep the cache fresh, so data is not refetched on every focus or mount.
    queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry },
  },
})

preloadPageFor(window.location.pathname)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
