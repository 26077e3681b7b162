/**
 * @module Standard output of a command. Where it is a file, a pipe or a socket, text goes
 * straight to descriptor 1 (`fs.writeSync`): `process.stdout` is then never made, and making it
 * for a pipe loads Node's stream and network modules, about a tenth of a short command's start
 * (decision 0049). Node writes to pipes and files synchronously on Linux anyway, so what a reader
 * sees is the same. A terminal, or a descriptor that refuses to block (EAGAIN), gets
 * `process.stdout` as before. A reader that has gone (EPIPE) ends the command quietly with
 * status 0 either way, as Unix tools do (`tk list | head -1`).
 */
// Taken, not imported, as in the other modules every command loads (CONTRIBUTING.md): no facade.
const { fstatSync, writeSync } = process.getBuiltinModule('node:fs')

/**
 * Whether descriptor `fd` is a terminal. Files, pipes and sockets are told apart by `fstat`,
 * so `node:tty` (which loads `node:net`) is only loaded for a character device.
 */
export function isTerminal(fd: 1 | 2): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false
  } catch {
    return false
  }
  return process.getBuiltinModule('node:tty').isatty(fd)
}

let stream: NodeJS.WriteStream | undefined

/** `process.stdout`, made on first use, ending the command quietly when its reader has gone. */
export function stdoutStream(): NodeJS.WriteStream {
  if (!stream) {
    stream = process.stdout
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e
      process.exit(0)
    })
  }
  return stream
}

let direct: boolean | undefined

/**
 * Writes `text` to standard output. False, as from a stream, when the text waits in memory for
 * a slow reader (only through `process.stdout`): `stdoutDrained` then resolves when it is gone.
 */
export function writeStdout(text: string): boolean {
  direct ??= !isTerminal(1)
  if (!direct) return stdoutStream().write(text)
  const bytes = Buffer.from(text)
  let at = 0
  try {
    while (at < bytes.length) at += writeSync(1, bytes, at)
    return true
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EPIPE') process.exit(0)
    if (code !== 'EAGAIN') throw e
    // A descriptor set not to block (by whoever shares it): the stream waits for it instead.
    direct = false
    return stdoutStream().write(bytes.subarray(at))
  }
}

/** Resolves when text that `writeStdout` left waiting has been written. */
export function stdoutDrained(): Promise<void> {
  return new Promise((resolve) => stdoutStream().once('drain', () => resolve()))
}
