/** @module CPU time of processes from /proc/PID/stat (Linux), for the benches' CPU figures. */
import { readdirSync, readFileSync } from 'node:fs'

// Linux reports CPU time in clock ticks of USER_HZ, 100 per second.
const TICKS_PER_SECOND = 100

/** The fields of /proc/PID/stat after the command name (state first), or undefined once gone. */
export function statFields(pid: number | string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  } catch {
    return undefined
  }
}

/**
 * A process's CPU seconds so far (utime + stime), undefined once it is gone. Unlike req/s, CPU
 * time per request hardly moves when other work shares the cores: waiting for a core costs the
 * process time, not CPU.
 */
export function cpuSeconds(pid: number | string): number | undefined {
  const f = statFields(pid)
  return f && (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND
}

/** CPU seconds of this process's children that have ended and been waited for (cutime + cstime). */
export function endedChildrenCpuSeconds(): number {
  const f = statFields('self')!
  return (Number(f[13]) + Number(f[14])) / TICKS_PER_SECOND
}

/** The parent of process `pid`, NaN once it is gone. */
export const parentPid = (pid: number | string): number => Number(statFields(pid)?.[1])

/** The postmaster and every process it started (backends, writers): PostgreSQL's CPU seconds. */
export function clusterCpuSeconds(postmaster: number): number {
  let sum = cpuSeconds(postmaster) ?? 0
  for (const d of readdirSync('/proc'))
    if (/^\d+$/.test(d) && parentPid(d) === postmaster) sum += cpuSeconds(d) ?? 0
  return sum
}
