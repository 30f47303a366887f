import { execFile } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { SAMPLE_PATH } from '../support/sample'
import { REPO_ROOT } from './repo-root'

/** `npm run -s cli -- …` as outside checks run it: the launcher under tsx, stdout and stderr collected apart. */
const cli = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ['--import', 'tsx', 'server/command-line.ts', ...args], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  )

describe('the command line through its launcher', () => {
  it('prints what the command prints and nothing more, and exits with its code', async () => {
    const imported = await cli('import', SAMPLE_PATH, '--json')
    expect(imported.stderr).toBe('')
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.stdout).projects).toHaveLength(11)

    const unknown = await cli('nosuch')
    expect(unknown.code).toBe(2)
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr).toMatch(/^未知命令 nosuch\n用法/)
  }, 60_000)
})
