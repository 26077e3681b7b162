import { type Kysely, sql } from 'kysely'
import type { Migration } from './index.ts'

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
type AnyDb = Kysely<any>

const now = sql`CURRENT_TIMESTAMP`

async function people(db: AnyDb) {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('user'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('user_type', 'text', (c) => c.notNull().defaultTo('user'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('idle'))
    .addColumn('last_seen', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('roles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('motivation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

async function workflows(db: AnyDb) {
  await db.schema
    .createTable('workflows')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('workflow_stages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('workflow_id', 'integer', (c) =>
      c.notNull().references('workflows.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role_id', 'integer', (c) => c.references('roles.id').onDelete('set null'))
    .addUniqueConstraint('workflow_stages_name', ['workflow_id', 'name'])
    .execute()
}

async function projects(db: AnyDb) {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('acceptance_criteria', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('git_repository', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('git_branch', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('workflow_id', 'integer', (c) => c.references('workflows.id'))
    .addColumn('next_seq', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('project_members')
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
    .execute()
}

async function tickets(db: AnyDb) {
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('acceptance_criteria', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('git_repository', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('git_branch', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('clone_of_id', 'integer', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('workflow_id', 'integer', (c) => c.references('workflows.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('estimate_effort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('estimate_complete', 'text')
    .addColumn('health_score', 'integer')
    .addColumn('assignee', 'text')
    .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ready', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_status', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tickets_project_seq', ['project_id', 'seq'])
    .execute()
  const index = (name: string, cols: string[]) =>
    db.schema.createIndex(name).on('tickets').columns(cols).execute()
  // One index per filter the list, board and claim queries use.
  await index('tickets_list', ['project_id', 'archived', 'open', 'updated_at'])
  await index('tickets_claim', ['project_id', 'stage', 'state', 'priority', 'created_at'])
  await index('tickets_parent', ['parent_id'])
  await index('tickets_assignee', ['assignee', 'state'])
  await index('tickets_type', ['project_id', 'type'])
}

async function records(db: AnyDb) {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ticket_id', 'integer', (c) =>
      c.notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('comments_ticket').on('comments').column('ticket_id').execute()
  // History outlives the tickets it describes, so ticket_id is not a foreign key.
  await db.schema
    .createTable('history')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer')
    .addColumn('ticket_id', 'integer')
    .addColumn('ticket_key', 'text')
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('history_ticket').on('history').columns(['ticket_id', 'id']).execute()
  await db.schema
    .createIndex('history_project')
    .on('history')
    .columns(['project_id', 'id'])
    .execute()
  await db.schema
    .createTable('dependencies')
    .addColumn('ticket_id', 'integer', (c) =>
      c.notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('depends_on_id', 'integer', (c) =>
      c.notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dependencies_pk', ['ticket_id', 'depends_on_id'])
    .execute()
  await db.schema
    .createIndex('dependencies_reverse')
    .on('dependencies')
    .column('depends_on_id')
    .execute()
  await db.schema
    .createTable('labels')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('labels_name', ['project_id', 'name'])
    .execute()
  await db.schema
    .createTable('ticket_labels')
    .addColumn('ticket_id', 'integer', (c) =>
      c.notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('label_id', 'integer', (c) =>
      c.notNull().references('labels.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('ticket_labels_pk', ['ticket_id', 'label_id'])
    .execute()
  await db.schema
    .createIndex('ticket_labels_label')
    .on('ticket_labels')
    .column('label_id')
    .execute()
  await db.schema
    .createTable('time_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('ticket_id', 'integer', (c) =>
      c.notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('user', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('time_entries_ticket')
    .on('time_entries')
    .column('ticket_id')
    .execute()
}

export const init: Migration = {
  version: 1,
  name: 'init',
  async up(db, dialect) {
    await people(db)
    await workflows(db)
    await projects(db)
    await tickets(db)
    await records(db)
    await dialect.createSearchIndex(db)
  },
}
