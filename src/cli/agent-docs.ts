/** The instructions coding agents read: `tk skill` (a skill file) and `tk onboard`. */
export const SKILL = `---
name: tk
description: Find, claim, update and complete tickets with the tk command line. Use it when asked to "work on the next ticket", to record progress, or to plan work as tickets.
---

# Working with tickets (tk)

Tickets have keys such as \`CUS-T-42\` (project prefix, type code, number) and a status
\`stage/state\`: stages \`design → develop → test → done\`, states \`idle | active | success | fail\`.
Always pass \`--json\` (one line of JSON when piped) and pick what you need with \`--fields\`,
as the loop below does (in claim answers it picks the ticket's fields; an unknown name is an
error that lists the valid ones).

## Who you are
Every command acts as one identity (\`tk whoami\`); agents sharing one get the same ticket back.
- Locally you act as \`admin\`. When several agents share a workspace, each needs its own:
  \`tk agent create -name NAME\` (prints its \`agent_id\`) and \`tk project add-user AGENT_ID
  -role editor\`, then run every command with \`AGENT_ID=AGENT_ID\` set.
- Against a server, with \`TICKET_URL\`, \`AGENT_ID\` and \`AGENT_PASSWORD\` set, every command
  signs in as the agent.

## Find work
- \`tk next --json\` — the queue: ready tickets idle at \`develop\`, unassigned and unblocked,
  in claim order (nothing is changed).
- \`tk claim --json\` — take the next one and start it. \`status\` is \`ASSIGNED\` (yours,
  \`develop/active\`) or \`NO-WORK\` (stop), whose \`reason\` and \`counts\` (\`not_ready\`,
  \`not_in_work_stage\`, \`blocked\`, \`assigned\`) say what is in the way. If you already hold
  an active ticket, claim returns that one.
- \`tk claim CUS-T-42 --json\` — take a specific ticket (even one not in the queue); if it
  cannot be taken, the reason is an error on stderr (exit 1).
- \`tk get CUS-T-42 --json\` — everything about a ticket: description, acceptance criteria,
  \`blocked\` (unfinished dependencies), \`children\`, \`parent_id\`, its latest \`comments\`
  (what people and earlier runs said) and \`history\`.
- \`tk ls --json -n 20\`, \`tk search "words" --json\`, \`tk blocked --json\`.

## Record progress
- \`tk comment CUS-T-42 "what you did, what you found"\` — keep comments short and factual.
- \`tk time log CUS-T-42 30 "what the time went on"\` — log minutes (\`-minutes 30\` also works).
- \`tk complete CUS-T-42 -final --json\` — the work is done and verified: the ticket succeeds
  through every remaining stage to \`done/success\`, and tickets that depend on it are
  unblocked. Finish this way unless you were told that someone else tests or reviews your work.
- \`tk complete CUS-T-42 --json\` — hand it on instead: only your stage succeeds
  (\`develop/active\` → \`test/idle\`, still assigned to you; \`next\` in the answer says so), and
  tickets that depend on it stay blocked until it is \`done\`.
- \`tk fail CUS-T-42 -m "why"\` — the stage did not succeed; say why.
- \`tk unclaim CUS-T-42 -m "why"\` — give the ticket back if you cannot continue.

## Create and shape work
- \`tk add "Title" -d "description" -ac "acceptance criteria" --json\` (also \`tk bug\`, \`tk epic\`,
  \`tk spike\`, \`tk chore\`); \`-parent CUS-E-1\` puts it under an epic; \`-p 1\` is top priority.
- \`tk ready CUS-T-43\` hands a designed ticket to the queue (\`design/idle\` → \`develop/idle\`,
  ready); \`tk dep add CUS-T-43 CUS-T-42\` says 43 waits for 42.

## Rules that matter
- Exit code 0 means done, 1 means refused or failed (read \`error\` and \`hint\` on stderr), 2
  means the command was mistyped.
- As an agent you hold a ticket by a lease: each of your writes renews it; in long quiet
  stretches run \`tk agent heartbeat KEY\`. If it lapses, or a person moves the ticket, it goes
  back to the queue and your later changes (and that heartbeat) are refused with exit 1 (\`not
  held by you\`, saying why): stop work on it and claim again.
- Parents (epics, tasks with children) take their status from their children: change the
  children. Closed or archived tickets refuse changes.
- Never mark work complete that you did not verify against the acceptance criteria.

## The loop ("work on the next ticket")
1. \`tk claim --json --fields key,title,status\`; on \`NO-WORK\` stop and tell the person its
   \`reason\` (tickets not marked ready wait for someone to run \`tk ready KEY\`).
2. \`tk get KEY --json --fields description,acceptance_criteria,blocked,comments\`; read them.
3. Do the work; \`tk comment KEY "…"\` as you go; \`tk time log KEY MINUTES "…"\`.
4. \`tk complete KEY -final --json --fields key,status,next\` when the acceptance criteria are
   met (plain \`complete\` if you were told someone else tests it), else \`tk fail KEY -m "…"\`.
   Then back to 1.
`

export const ONBOARD = `# Tickets for agents

This repository tracks its work with \`tk\` (also \`ticket\`). Before you start:

- \`tk whoami\` — who you act as and which project is current.
- \`tk next --json\` — what is ready to be worked on, in order (ready, idle at \`develop\`).
- \`tk claim --json\` — take the next ticket (\`NO-WORK\` comes with a \`reason\` and \`counts\`).
- \`tk get KEY --json\` — read it fully, including acceptance criteria and what blocks it.
- \`tk comment KEY "…"\` while you work; \`tk complete KEY -final\` when it is done and verified
  (plain \`complete\` only moves it on to \`test\`, still yours, for someone who tests it);
  \`tk fail KEY -m "why"\` when it is not.
- Each agent needs its own identity: \`AGENT_ID\` (from \`tk agent create\`), plus
  \`AGENT_PASSWORD\` and \`TICKET_URL\` against a server.

Use \`--json\` everywhere; errors come as \`{"error": …, "hint": …}\` on stderr with a non-zero
exit code. \`tk help\` lists every command; \`tk skill\` prints the full guide.
`
