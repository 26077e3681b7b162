import { crypto } from './crypto.ts'

// quality.md "Security": Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane).
const PARAMS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 }

const derive = (password: string, nonce: Buffer, p = PARAMS) =>
  new Promise<Buffer>((resolve, reject) =>
    crypto().argon2('argon2id', { message: password, nonce, ...p }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )

/** A PHC-format Argon2id hash: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto().randomBytes(16)
  const hash = await derive(password, salt)
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '')
  return `$argon2id$v=19$m=${PARAMS.memory},t=${PARAMS.passes},p=${PARAMS.parallelism}$${b64(salt)}$${b64(hash)}`
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(encoded)
  if (!m) return false
  const expected = Buffer.from(m[5]!, 'base64')
  const actual = await derive(password, Buffer.from(m[4]!, 'base64'), {
    memory: Number(m[1]),
    passes: Number(m[2]),
    parallelism: Number(m[3]),
    tagLength: expected.length,
  })
  return actual.length === expected.length && crypto().timingSafeEqual(actual, expected)
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

/** A random password of `length` characters (≈ 5.8 bits each). */
export function generatePassword(length = 24): string {
  const bytes = crypto().randomBytes(length * 2)
  let out = ''
  for (const b of bytes) {
    if (b < 256 - (256 % ALPHABET.length)) out += ALPHABET[b % ALPHABET.length]
    if (out.length === length) break
  }
  return out
}
