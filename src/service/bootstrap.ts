import { DEFAULT_WORKFLOW } from '../domain/workflow.ts'
import type { Db, Store } from '../store/store.ts'
import { insertUser } from '../store/users.ts'
import { crypto } from './crypto.ts'
import { generatePassword, hashPassword } from './password.ts'

// domain.md "People and organisation": standard software-delivery roles seeded at init.
export const SEEDED_ROLES = [
  {
    name: 'BA',
    title: 'Business Analyst',
    motivation: 'Turn needs into clear, testable requirements',
    goals: 'Every ticket states the problem, the user and the acceptance criteria',
  },
  {
    name: 'Architect',
    title: 'Software Architect',
    motivation: 'Keep the system simple and coherent',
    goals: 'Decisions recorded, boundaries clear, risks named early',
  },
  {
    name: 'Lead Engineer',
    title: 'Lead Engineer',
    motivation: 'Deliver working software in small safe steps',
    goals: 'Code reviewed, tested and merged behind green CI',
  },
  {
    name: 'Engineer',
    title: 'Software Engineer',
    motivation: 'Build what the ticket asks, well',
    goals: 'Acceptance criteria met with tests',
  },
  {
    name: 'QA/Tester',
    title: 'Quality Engineer',
    motivation: 'Find what breaks before users do',
    goals: 'Acceptance criteria verified, regressions caught',
  },
  {
    name: 'Reviewer',
    title: 'Code Reviewer',
    motivation: 'Keep quality high and knowledge shared',
    goals: 'Every change read by a second pair of eyes',
  },
  {
    name: 'Product Owner',
    title: 'Product Owner',
    motivation: 'Maximise the value delivered',
    goals: 'A ready, ordered backlog',
  },
  {
    name: 'DevOps',
    title: 'DevOps Engineer',
    motivation: 'Make releases boring',
    goals: 'Automated builds, deploys and monitoring',
  },
  {
    name: 'Security',
    title: 'Security Engineer',
    motivation: 'Keep users and data safe',
    goals: 'Threats modelled, secrets protected, dependencies patched',
  },
] as const

const STAGE_ROLES: Record<string, string> = {
  design: 'BA',
  develop: 'Lead Engineer',
  test: 'QA/Tester',
}

export type InitResult = {
  readonly created: boolean
  readonly admin_password?: string
  readonly project?: string
}

async function seedWorkflow(
  db: Db,
  name: string,
  description: string,
  stages: readonly string[],
  now: string,
) {
  const wf = await db
    .insertInto('workflows')
    .values({ name, description, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [position, stage] of stages.entries()) {
    const role = STAGE_ROLES[stage]
    const roleRow = role
      ? await db.selectFrom('roles').select('id').where('name', '=', role).executeTakeFirst()
      : undefined
    await db
      .insertInto('workflow_stages')
      .values({
        workflow_id: wf.id,
        position,
        name: stage,
        description: '',
        role_id: roleRow?.id ?? null,
      })
      .execute()
  }
  return wf.id
}

/**
 * Seeds a new database: roles, workflows `default` and `yolo`, settings, the `admin` user and
 * the default project `TK`. Does nothing when an admin already exists (safe to repeat).
 */
export async function seedDatabase(
  store: Store,
  options: { password?: string; now: Date },
): Promise<InitResult> {
  return store.transaction(async (db) => {
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirst()
    if (existing) return { created: false }
    const now = options.now.toISOString()
    for (const r of SEEDED_ROLES)
      await db
        .insertInto('roles')
        .values({ ...r, created_at: now })
        .execute()
    const defaultId = await seedWorkflow(
      db,
      DEFAULT_WORKFLOW.name,
      DEFAULT_WORKFLOW.description,
      DEFAULT_WORKFLOW.stages,
      now,
    )
    await seedWorkflow(db, 'yolo', 'Straight to work: develop then done', ['develop', 'done'], now)
    for (const [key, value] of [
      ['registration_enabled', 'true'],
      ['chat_enabled', 'false'],
      ['chat_max_connections', '5'],
      ['chat_max_duration_seconds', '300'],
    ] as const)
      await db.insertInto('settings').values({ key, value }).execute()
    const generated = options.password === undefined || options.password === ''
    const password = generated ? generatePassword() : options.password!
    const adminId = crypto().randomUUID()
    await insertUser(db, {
      id: adminId,
      username: 'admin',
      display_name: 'Administrator',
      role: 'admin',
      password_hash: await hashPassword(password),
      created_at: now,
      updated_at: now,
    })
    const project = await db
      .insertInto('projects')
      .values({
        prefix: 'TK',
        title: 'Default Project',
        description: 'Bootstrap project created during init.',
        acceptance_criteria: '',
        git_repository: '',
        git_branch: '',
        notes: '',
        status: 'open',
        visibility: 'public',
        workflow_id: defaultId,
        next_seq: 1,
        created_by: 'admin',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('project_members')
      .values({ project_id: project.id, user_id: adminId, role: 'owner', created_at: now })
      .execute()
    return generated
      ? { created: true, admin_password: password, project: 'TK' }
      : { created: true, project: 'TK' }
  })
}
