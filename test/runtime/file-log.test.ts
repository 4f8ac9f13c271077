// The file-backed record log: round trips, a torn or garbled last frame cut at every byte offset
// is dropped (and only it), damage before the tail refuses to open, and a writer killed with
// SIGKILL mid-append leaves exactly its acknowledged batches (plus at most the one in flight).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackedTopicPartitions } from '../../src/protocol/topic-partitions.js';
import { crc32c } from '../../src/runtime/log/crc32c.js';
import { FileRecordLog } from '../../src/runtime/log/file-log.js';
import { CorruptLogError, encodeFrame, LOG_MAGIC } from '../../src/runtime/log/frame.js';
import { jsonRecordSerializer } from '../../src/runtime/log/serializer.js';

interface TestRecord {
  readonly type: string;
  readonly groupId: string;
  readonly seq: number;
  readonly bytes?: Uint8Array;
  readonly partitions?: PackedTopicPartitions;
}

const serializer = jsonRecordSerializer<TestRecord>();
let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kgroup-log-'));
  path = join(dir, 'records.log');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const batch = (seq: number): TestRecord[] => [
  { type: 'T', groupId: '__proto__', seq, bytes: new Uint8Array([seq, 0, 255]) },
  { type: 'T', groupId: 'g', seq, partitions: PackedTopicPartitions.from([['__proto__', [seq, seq + 2]], ['orders', [1]]]) },
];

async function writeBatches(count: number): Promise<void> {
  const log = await FileRecordLog.open(path, { serializer });
  for (let i = 0; i < count; i++) await log.append(batch(i));
  await log.close();
}

async function readBack(): Promise<{ seqs: number[]; dropped: number }> {
  const log = await FileRecordLog.open(path, { serializer });
  const batches = await log.read();
  await log.close();
  return { seqs: batches.map((b) => (b[0] as TestRecord).seq), dropped: log.recovery.droppedBytes };
}

describe('crc32c', () => {
  it('matches the standard check value and chains over chunks', () => {
    const data = new TextEncoder().encode('123456789');
    expect(crc32c(data)).toBe(0xe3069283);
    expect(crc32c(data.subarray(4), crc32c(data.subarray(0, 4)))).toBe(0xe3069283);
  });
});

describe('FileRecordLog', () => {
  it('round-trips batches with bytes, topic partitions and __proto__ names across reopenings', async () => {
    await writeBatches(3);
    const log = await FileRecordLog.open(path, { serializer });
    const batches = await log.read();
    await log.close();
    expect(batches).toHaveLength(3);
    const [first, second] = batches[2] as TestRecord[];
    expect(first?.groupId).toBe('__proto__');
    expect(Object.hasOwn(first as object, 'groupId')).toBe(true);
    expect(first?.bytes).toEqual(new Uint8Array([2, 0, 255]));
    expect(second?.partitions).toBeInstanceOf(PackedTopicPartitions);
    expect([...(second?.partitions as PackedTopicPartitions)]).toEqual([['__proto__', [2, 4]], ['orders', [1]]]);
  });

  it('creates a new file with the magic and rejects empty batches', async () => {
    const log = await FileRecordLog.open(path, { serializer });
    await expect(log.append([])).rejects.toThrow(/at least one record/);
    await log.close();
    expect(new Uint8Array(await readFile(path))).toEqual(LOG_MAGIC);
  });

  it('drops a last frame cut at every byte offset, truncates it, and appends after it', async () => {
    await writeBatches(3);
    const good = await readFile(path);
    const frame = encodeFrame(serializer.encode(batch(3)));
    for (let cut = 0; cut < frame.length; cut++) {
      await writeFile(path, Buffer.concat([good, frame.subarray(0, cut)]));
      const { seqs, dropped } = await readBack();
      expect(seqs, `cut at ${cut}`).toEqual([0, 1, 2]);
      expect(dropped).toBe(cut);
      expect((await readFile(path)).length).toBe(good.length);
    }
    // After recovery the log accepts appends that survive the next reopening.
    const log = await FileRecordLog.open(path, { serializer });
    await log.append(batch(3));
    await log.close();
    expect((await readBack()).seqs).toEqual([0, 1, 2, 3]);
  });

  it('drops a last frame garbled at every byte offset, never a wrong batch', async () => {
    await writeBatches(2);
    const good = await readFile(path);
    const frame = encodeFrame(serializer.encode(batch(2)));
    for (let at = 0; at < frame.length; at++) {
      const garbled = Uint8Array.from(frame);
      garbled[at] = (garbled[at] as number) ^ 0x5a;
      await writeFile(path, Buffer.concat([good, garbled]));
      const { seqs, dropped } = await readBack();
      expect(seqs, `byte ${at} garbled`).toEqual([0, 1]);
      expect(dropped).toBe(frame.length);
    }
  });

  it('drops a zero-filled tail (a file extended but never written)', async () => {
    await writeBatches(2);
    await writeFile(path, Buffer.concat([await readFile(path), Buffer.alloc(64)]));
    expect(await readBack()).toEqual({ seqs: [0, 1], dropped: 64 });
  });

  it('refuses to open when acknowledged frames before the tail are damaged', async () => {
    await writeBatches(3);
    const bytes = await readFile(path);
    bytes[LOG_MAGIC.length + 12] = (bytes[LOG_MAGIC.length + 12] as number) ^ 1;
    await writeFile(path, bytes);
    const error = await FileRecordLog.open(path, { serializer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptLogError);
    expect((error as CorruptLogError).offset).toBe(LOG_MAGIC.length);
  });

  it('refuses a file that is not a kgroup log', async () => {
    await writeFile(path, 'hello, world');
    await expect(FileRecordLog.open(path, { serializer })).rejects.toBeInstanceOf(CorruptLogError);
  });

  it('rejects an intact frame whose payload is not a batch of records', async () => {
    await writeFile(path, Buffer.concat([LOG_MAGIC, encodeFrame(new TextEncoder().encode('{"v":1,"records":[{"type":1}]}'))]));
    await expect(FileRecordLog.open(path, { serializer })).rejects.toThrow(/not a list of records/);
  });
});

describe('a writer killed with SIGKILL mid-append', () => {
  const child = fileURLToPath(new URL('./support/append-child.ts', import.meta.url));

  /** Runs the writer until it has acknowledged `acks` more batches, kills it, returns the last acknowledged seq. */
  function runAndKill(acks: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, path], { stdio: ['ignore', 'pipe', 'pipe'] });
      let last = -1;
      let seen = 0;
      let stderr = '';
      let buffered = '';
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      proc.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          last = Number(line);
          if (++seen === acks) proc.kill('SIGKILL');
        }
      });
      proc.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer exited: ${stderr}`))));
    });
  }

  it('leaves every acknowledged batch, in order, and at most the one in flight', async () => {
    let acknowledged = -1;
    for (let round = 0; round < 3; round++) {
      acknowledged = await runAndKill(20 + round * 7);
      const log = await FileRecordLog.open<{ type: string; groupId: string; seq: number }>(path, { serializer: jsonRecordSerializer() });
      const seqs = (await log.read()).map((b) => (b[0] as { seq: number }).seq);
      await log.close();
      expect(seqs.length === acknowledged + 1 || seqs.length === acknowledged + 2, `acknowledged ${acknowledged}, read ${seqs.length}`).toBe(true);
      expect(seqs).toEqual(seqs.map((_, i) => i));
    }
    expect(acknowledged).toBeGreaterThan(40);
  });
});
