// A writer that appends batches to a file-backed log in a loop and prints the sequence number of
// each batch once its append is acknowledged (durable). The crash test kills it with SIGKILL.
import { FileRecordLog } from '../../../src/runtime/log/file-log.js';
import { jsonRecordSerializer } from '../../../src/runtime/log/serializer.js';

interface SeqRecord {
  readonly type: 'Seq';
  readonly groupId: string;
  readonly seq: number;
  readonly payload: Uint8Array;
}

const path = process.argv[2];
if (path === undefined) throw new Error('usage: append-child <path>');
const log = await FileRecordLog.open<SeqRecord>(path, { serializer: jsonRecordSerializer() });
const start = (await log.read()).length;
for (let seq = start; ; seq++) {
  // Large batches make it likely that the kill lands in the middle of a write.
  const payload = new Uint8Array(48 * 1024).fill(seq % 251);
  await log.append([{ type: 'Seq', groupId: '__proto__', seq, payload }, { type: 'Seq', groupId: 'g', seq, payload: payload.subarray(0, 7) }]);
  process.stdout.write(`${seq}\n`);
}
