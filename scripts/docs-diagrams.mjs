// Writes the Mermaid state diagrams (and the KIP-848 state tables) of docs/guide-*.md from the machines' own transition tables,
// between `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->` markers, so that the
// diagrams cannot drift from the code. `--check` fails instead of writing when a diagram is stale.
// Run with tsx (it imports the TypeScript sources): npx tsx scripts/docs-diagrams.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLASSIC_GROUP_TRANSITIONS, CLASSIC_MEMBER_TRANSITIONS } from '../src/classic/index.ts';
import { CONSUMER_GROUP_STATE_RULES, CONSUMER_MEMBER_TRANSITIONS, consumerGroupStateTableMarkdown } from '../src/consumer/index.ts';


const root = fileURLToPath(new URL('..', import.meta.url));

/** A stateDiagram-v2 from a `{ target, validPrevious }[]` table (self-loops left out: they change nothing). */
function stateDiagram(table, initial) {
  const lines = ['stateDiagram-v2', `    [*] --> ${initial}`];
  for (const t of table) for (const from of t.validPrevious) if (from !== t.target) lines.push(`    ${from} --> ${t.target}`);
  return lines.join('\n');
}

/** The KIP-848 group state is derived, not stored: a decision chain in the rules' order. */
function derivedStateFlow(rules) {
  const lines = ['flowchart LR'];
  rules.forEach((r, i) => {
    const last = i === rules.length - 1;
    if (last) lines.push(`    q${i}["${r.when}"] --> s${i}([${r.state}])`);
    else lines.push(`    q${i}{"${r.when}?"} -- yes --> s${i}([${r.state}])`, `    q${i} -- no --> q${i + 1}`);
  });
  return lines.join('\n');
}

const DIAGRAMS = {
  'docs/guide-classic.md': {
    'classic-group': stateDiagram(CLASSIC_GROUP_TRANSITIONS, 'Empty'),
    'classic-member': stateDiagram(CLASSIC_MEMBER_TRANSITIONS, 'UNJOINED'),
  },
  'docs/guide-consumer.md': {
    'consumer-group': derivedStateFlow(CONSUMER_GROUP_STATE_RULES),
    'consumer-group-tables': { markdown: consumerGroupStateTableMarkdown() },
    'consumer-member': stateDiagram(CONSUMER_MEMBER_TRANSITIONS, 'UNSUBSCRIBED'),
  },
};

const check = process.argv.includes('--check');
let stale = 0;
for (const [file, diagrams] of Object.entries(DIAGRAMS)) {
  const path = `${root}${file}`;
  const before = readFileSync(path, 'utf8');
  let after = before;
  for (const [name, content] of Object.entries(diagrams)) {
    const body = typeof content === 'string' ? `\`\`\`mermaid\n${content}\n\`\`\`` : content.markdown;
    const begin = `<!-- BEGIN GENERATED: ${name} -->`;
    const end = `<!-- END GENERATED: ${name} -->`;
    const from = after.indexOf(begin);
    const to = after.indexOf(end);
    if (from === -1 || to < from) throw new Error(`${file}: markers for ${name} not found`);
    after = `${after.slice(0, from + begin.length)}\n${body}\n${after.slice(to)}`;
  }
  if (after === before) continue;
  stale++;
  if (check) console.error(`${file}: diagrams are stale; run npx tsx scripts/docs-diagrams.mjs`);
  else writeFileSync(path, after);
}
if (check && stale > 0) process.exit(1);
console.log(check ? 'diagrams: current' : `diagrams: ${stale} file(s) updated`);
