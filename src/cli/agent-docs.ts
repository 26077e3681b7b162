/** The instructions coding agents read: `tk skill` (a skill file) and `tk onboard`. */
export const SKILL = `---
name: tk
description: Find, claim, update and complete tickets with the tk command line. Use it when asked to "work on the next ticket", to record progress, or to plan work as tickets.
---

# Working with tickets (tk)

Tickets have keys such as \`CUS-T-42\` (project prefix, type code, number) and a status
\`stage/state\`: stages \`design → develop → test → done\`, states \`idle | active | success | fail\`.
Always pass \`--json\` and read the JSON; add \`--fields key,title,status\` to keep it short.

## Find work
- \`tk next --json\` — the queue: ready tickets in claim order (nothing is changed).
- \`tk claim --json\` — take the next ready ticket and start it. The answer's \`status\` is
  \`ASSIGNED\` (the ticket is yours, \`develop/active\`), or \`NO-WORK\` (stop: nothing is ready).
  If you already hold an active ticket, claim returns that one.
- \`tk claim CUS-T-42 --json\` — take a specific ticket; if it cannot be taken, the reason is
  an error on stderr (exit 1).
- \`tk get CUS-T-42 --json\` — everything about a ticket: description, acceptance criteria,
  \`blocked\` (unfinished dependencies), \`children\`, \`parent_id\`.
- \`tk ls --json -n 20\`, \`tk search "words" --json\`, \`tk blocked --json\`.

## Record progress
- \`tk comment CUS-T-42 "what you did, what you found"\` — keep comments short and factual.
- \`tk complete CUS-T-42\` — the stage succeeded; the ticket moves to the next stage (\`develop\` →
  \`test\` → \`done\`). Run it once per stage you actually finished.
- \`tk fail CUS-T-42 -m "why"\` — the stage did not succeed; say why.
- \`tk unclaim CUS-T-42 -m "why"\` — give the ticket back if you cannot continue.
- \`tk time log CUS-T-42 30 "what the time went on"\` — log the minutes you spent.

## Create and shape work
- \`tk add "Title" -d "description" -ac "acceptance criteria" --json\` (also \`tk bug\`, \`tk epic\`,
  \`tk spike\`, \`tk chore\`); \`-parent CUS-E-1\` puts it under an epic; \`-p 1\` is top priority.
- \`tk ready CUS-T-43\` marks a ticket ready to be claimed; \`tk dep add CUS-T-43 CUS-T-42\` says
  43 waits for 42.

## Rules that matter
- Exit code 0 means done, 1 means refused or failed (read \`error\` and \`hint\` on stderr), 2
  means the command was mistyped.
- Parents (epics, tasks with children) take their status from their children: change the
  children. Closed or archived tickets refuse changes.
- Never mark work complete that you did not verify against the acceptance criteria.

## The loop ("work on the next ticket")
1. \`tk claim --json\`; stop on \`NO-WORK\`.
2. \`tk get KEY --json\`; read the description and acceptance criteria.
3. Do the work; \`tk comment KEY "…"\` as you go.
4. \`tk complete KEY\` when the acceptance criteria are met, else \`tk fail KEY -m "…"\`.
`

export const ONBOARD = `# Tickets for agents

This repository tracks its work with \`tk\` (also \`ticket\`). Before you start:

- \`tk whoami\` — who you act as and which project is current.
- \`tk next --json\` — what is ready to be worked on, in order.
- \`tk claim --json\` — take the next ticket (\`NO-WORK\` means nothing is ready).
- \`tk get KEY --json\` — read it fully, including acceptance criteria and what blocks it.
- \`tk comment KEY "…"\` while you work; \`tk complete KEY\` when the stage is done;
  \`tk fail KEY -m "why"\` when it is not.

Use \`--json\` everywhere; errors come as \`{"error": …, "hint": …}\` on stderr with a non-zero
exit code. \`tk help\` lists every command; \`tk skill\` prints the full guide.
`
