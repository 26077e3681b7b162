import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Where the commands the tests run keep their code cache (decision 0045): a directory of this
 * run (named for the process that reads the config and runs the global set-up), not the cache
 * directory of whoever runs the tests. Made by the first command that writes a cache; removed by
 * test/global-setup.ts.
 */
export const TEST_CACHE_HOME = join(tmpdir(), `tk-test-cache-${process.pid}`)
