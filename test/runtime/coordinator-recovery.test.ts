// A coordinator over the file-backed log, crashed at every point of its last appends: whatever
// the file holds after the crash (a batch cut or garbled at any byte), a restarted coordinator
// rebuilds exactly the groups of the acknowledged batches, never a half-applied step.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classicGroupPersistedView } from '../../src/classic/index.js';
import { consumerGroupPersistedView } from '../../src/consumer/index.js';
import { encodeAssignment, topicPartitions } from '../../src/protocol/index.js';
import { GroupCoordinator } from '../../src/runtime/coordinator/group-coordinator.js';
import type { GroupCoordinatorRecord } from '../../src/runtime/coordinator/types.js';
import { FileRecordLog } from '../../src/runtime/log/file-log.js';
import { FRAME_HEADER_BYTES, LOG_MAGIC, scanFrames } from '../../src/runtime/log/frame.js';
import { InMemoryRecordLog } from '../../src/runtime/log/memory-log.js';
import type { RecordLog } from '../../src/runtime/log/record-log.js';
import { jsonRecordSerializer } from '../../src/runtime/log/serializer.js';
import { CLASSIC, commit, consumerHeartbeat, join, RecordingTransport, sync, TOPICS } from './support/coordinator.js';
import { ManualTimers } from './support/manual-timers.js';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(joinPath(tmpdir(), 'kgroup-recovery-'));
  path = joinPath(dir, 'coordinator.log');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const serializer = jsonRecordSerializer<GroupCoordinatorRecord>();

function open(log: RecordLog<GroupCoordinatorRecord>, transport: RecordingTransport, clock: ManualTimers): Promise<GroupCoordinator> {
  return GroupCoordinator.open({ log, transport, clock, timers: clock, classic: CLASSIC, consumer: { memberIdSource: (n) => `m-${n}` }, topics: TOPICS });
}

/** Every group's persisted view (what its records describe), by group id. */
function views(c: GroupCoordinator): [string, unknown][] {
  return c.groupIds().map((id) => {
    const slot = c.groupState(id);
    if (slot === undefined) throw new Error(`no group ${id}`);
    return [id, slot.type === 'classic' ? classicGroupPersistedView(slot.state) : consumerGroupPersistedView(slot.state)];
  });
}

/** Drives groups of both protocols through joins, an assignment, commits and a leave, on the file log. */
async function runScenario(): Promise<void> {
  const log = await FileRecordLog.open(path, { serializer });
  const t = new RecordingTransport();
  const clock = new ManualTimers();
  const c = await open(log, t, clock);
  c.submit(join('a1', '__proto__', ''));
  await c.flush();
  const memberId = t.body<{ memberId: string }>('a1').memberId;
  c.submit(join('a2', '__proto__', memberId));
  clock.advance(1);
  await c.flush();
  const generationId = t.body<{ generationId: number }>('a2').generationId;
  c.submit(sync('a3', '__proto__', memberId, generationId, [{ memberId, assignment: encodeAssignment({ partitions: topicPartitions({ orders: [0, 1, 2, 3] }) }) }]));
  c.submit(consumerHeartbeat('k1', 'kip848', '__proto__', 0));
  c.submit(consumerHeartbeat('k2', 'kip848', 'second', 0));
  c.submit(commit('o1', 'simple', '__proto__', 2, 77));
  c.submit(consumerHeartbeat('k3', 'kip848', '__proto__', -1));
  await c.close();
  await log.close();
}

/** The groups a coordinator rebuilds from the first `count` batches of `batches`. */
async function expectedViews(batches: readonly (readonly GroupCoordinatorRecord[])[], count: number): Promise<[string, unknown][]> {
  const c = await open(new InMemoryRecordLog(batches.slice(0, count)), new RecordingTransport(), new ManualTimers());
  const out = views(c);
  await c.close();
  return out;
}

async function viewsFromFile(bytes: Uint8Array): Promise<[string, unknown][]> {
  await writeFile(path, bytes);
  const log = await FileRecordLog.open(path, { serializer });
  const c = await open(log, new RecordingTransport(), new ManualTimers());
  const out = views(c);
  await c.close();
  await log.close();
  return out;
}

describe('coordinator recovery from the file-backed log', () => {
  it('rebuilds exactly the acknowledged groups after a crash at any byte of the last batches', async () => {
    await runScenario();
    const full = new Uint8Array(await readFile(path));
    const scanned = scanFrames(full);
    const batches = scanned.payloads.map((p) => serializer.decode(p));
    expect(batches.length).toBeGreaterThanOrEqual(6);
    // Some steps write several records: those must come back all or nothing.
    expect(batches.some((b) => b.length > 1)).toBe(true);
    const ends: number[] = [LOG_MAGIC.length];
    for (const p of scanned.payloads) ends.push((ends.at(-1) as number) + FRAME_HEADER_BYTES + p.length);

    const expected = await Promise.all(batches.map((_, k) => expectedViews(batches, k)));
    expected.push(await expectedViews(batches, batches.length));
    // Whole batches: every prefix of the log rebuilds the groups of that prefix.
    for (let k = 0; k <= batches.length; k++) expect(await viewsFromFile(full.subarray(0, ends[k])), `after ${k} batches`).toEqual(expected[k]);
    // The last two batches, cut at every byte: only the complete batches count.
    for (const k of [batches.length - 2, batches.length - 1]) {
      for (let end = (ends[k] as number) + 1; end < (ends[k + 1] as number); end++) {
        expect(await viewsFromFile(full.subarray(0, end)), `batch ${k} cut at byte ${end}`).toEqual(expected[k]);
      }
    }
    expect(expected.at(-1)?.map(([id]) => id)).toEqual(['__proto__', 'kip848', 'simple']);
  });
});
