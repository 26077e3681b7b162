import { type Kysely, sql } from 'kysely'
import type { Migration } from './index.ts'

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
type AnyDb = Kysely<any>

async function teams(db: AnyDb) {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // A parent with children is refused on delete, so no cascade here.
    .addColumn('parent_id', 'integer', (c) => c.references('teams.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('teams_parent').on('teams').column('parent_id').execute()
  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('job_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute()
  await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute()
  await db.schema
    .createTable('team_agents')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_agents_pk', ['team_id', 'user_id'])
    .execute()
  await db.schema
    .createTable('project_teams')
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_teams_pk', ['project_id', 'team_id'])
    .execute()
  await db.schema.createIndex('project_teams_team').on('project_teams').column('team_id').execute()
}

async function stories(db: AnyDb) {
  await db.schema
    .createTable('stories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('stories_project').on('stories').column('project_id').execute()
  // Links vanish with either end: a story's tickets outlive it and vice versa.
  await db.schema
    .createTable('story_tickets')
    .addColumn('story_id', 'integer', (c) =>
      c.notNull().references('stories.id').onDelete('cascade'),
    )
    .addColumn('ticket_id', 'integer', (c) =>
      c.notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .addPrimaryKeyConstraint('story_tickets_pk', ['story_id', 'ticket_id'])
    .execute()
  await db.schema
    .createIndex('story_tickets_ticket')
    .on('story_tickets')
    .column('ticket_id')
    .execute()
}

/** Teams, project teams and stories. */
export const organisation: Migration = {
  version: 3,
  name: 'teams-and-stories',
  async up(db) {
    await teams(db)
    await stories(db)
    await db.schema.createIndex('tickets_workflow').on('tickets').column('workflow_id').execute()
    await db.schema
      .createIndex('workflow_stages_role')
      .on('workflow_stages')
      .column('role_id')
      .execute()
  },
}
