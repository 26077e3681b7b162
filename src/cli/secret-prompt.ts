/** @module Reading a secret from the terminal, echoing `*` for each character typed. */

/** Resolves with what was typed, or rejects on Ctrl-C / Ctrl-D before Enter. */
export function promptSecret(
  question: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let secret = ''
    output.write(question)
    const wasRaw = input.isRaw
    input.setRawMode(true)
    input.resume()
    input.setEncoding('utf8')
    const done = (err?: Error) => {
      input.setRawMode(wasRaw)
      input.pause()
      input.off('data', onData)
      output.write('\n')
      if (err) reject(err)
      else resolve(secret)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('cancelled'))
        if (ch === '\u007f' || ch === '\b') {
          if (secret.length > 0) {
            secret = secret.slice(0, -1)
            output.write('\b \b')
          }
          continue
        }
        if (ch < ' ') continue
        secret += ch
        output.write('*')
      }
    }
    input.on('data', onData)
  })
}
