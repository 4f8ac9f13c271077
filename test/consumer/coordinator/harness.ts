/**
 * A deterministic driver for the consumer group coordinator, used by the transcripts and the
 * property tests: a virtual clock, a timer table (schedule replaces, cancel removes, due timers
 * fire in deadline order), the log of records, and a replay check after every step: the log
 * replayed from scratch must give exactly the live group (records are the only way it changes).
 */
import {
  consumerGroupOffsetsView,
  consumerGroupPersistedView,
  initialConsumerGroupState,
  onConsumerGroupLoaded,
  replayConsumerGroup,
  stepConsumerGroup,
} from '../../../src/consumer/coordinator/index.js';
import type {
  ConsumerGroupConfig,
  ConsumerGroupCoordinatorInput,
  ConsumerGroupCoordinatorOutput,
  ConsumerGroupCoordinatorState,
  ConsumerGroupRecord,
  ConsumerGroupStepResult,
  TopicImage,
} from '../../../src/consumer/coordinator/index.js';

/** A replay check that failed. */
export class ReplayMismatch extends Error {
  override readonly name = 'ReplayMismatch';
}

/** Drives one coordinator in virtual time. */
export class ConsumerCoordinatorHarness {
  state: ConsumerGroupCoordinatorState;
  nowMs = 0;
  readonly timers = new Map<string, { deadlineMs: number; seq: number }>();
  records: ConsumerGroupRecord[] = [];
  topics: readonly TopicImage[] = [];
  checkReplay = true;
  private timerSeq = 0;

  constructor(readonly config: ConsumerGroupConfig = { groupId: 'grp' }) {
    this.state = initialConsumerGroupState(config);
  }

  /** Applies one input now; returns its outputs. */
  apply(input: ConsumerGroupCoordinatorInput): readonly ConsumerGroupCoordinatorOutput[] {
    if (input.type === 'metadata') this.topics = input.topics;
    return this.absorb(stepConsumerGroup(this.state, input, this.nowMs));
  }

  private absorb(result: ConsumerGroupStepResult): readonly ConsumerGroupCoordinatorOutput[] {
    this.state = result.state;
    for (const o of result.outputs) {
      if (o.type === 'schedule-timer') this.timers.set(o.key, { deadlineMs: o.deadlineMs, seq: this.timerSeq++ });
      else if (o.type === 'cancel-timer') this.timers.delete(o.key);
      else if (o.type === 'record') this.records.push(o.record);
    }
    if (this.checkReplay) this.verifyReplay();
    return result.outputs;
  }

  /** Throws ReplayMismatch unless the replayed log equals the live group. */
  verifyReplay(): void {
    const rebuilt = replayConsumerGroup(this.config, this.records, this.topics);
    const a = JSON.stringify([consumerGroupPersistedView(rebuilt), consumerGroupOffsetsView(rebuilt)]);
    const e = JSON.stringify([consumerGroupPersistedView(this.state), consumerGroupOffsetsView(this.state)]);
    if (a !== e) throw new ReplayMismatch(`replay disagrees with the live group\n  replayed: ${a}\n  live:     ${e}`);
  }

  private nextDue(atMs: number): string | undefined {
    let best: [string, { deadlineMs: number; seq: number }] | undefined;
    for (const entry of this.timers) {
      const t = entry[1];
      if (t.deadlineMs > atMs) continue;
      if (best === undefined || t.deadlineMs < best[1].deadlineMs || (t.deadlineMs === best[1].deadlineMs && t.seq < best[1].seq)) best = entry;
    }
    return best?.[0];
  }

  /** Advances the clock by `ms` and fires every due timer, in deadline order, at its own deadline. */
  advance(ms: number): { key: string; outputs: readonly ConsumerGroupCoordinatorOutput[] }[] {
    const end = this.nowMs + ms;
    const fired: { key: string; outputs: readonly ConsumerGroupCoordinatorOutput[] }[] = [];
    for (let key = this.nextDue(end); key !== undefined; key = this.nextDue(end)) {
      const t = this.timers.get(key) as { deadlineMs: number };
      this.nowMs = Math.max(this.nowMs, t.deadlineMs);
      this.timers.delete(key);
      fired.push({ key, outputs: this.apply({ type: 'timer', key }) });
    }
    this.nowMs = end;
    return fired;
  }

  /** Fires the timers due now (e.g. the regex resolution, scheduled at once). */
  fireDue(): { key: string; outputs: readonly ConsumerGroupCoordinatorOutput[] }[] {
    return this.advance(0);
  }

  /** Replays the log into a fresh coordinator (a failover) and runs the load step. */
  reload(): readonly ConsumerGroupCoordinatorOutput[] {
    const config = { ...this.config, ...stripGroupId(this.state.config) };
    this.state = replayConsumerGroup(config, this.records, this.topics);
    this.timers.clear();
    return this.absorb(onConsumerGroupLoaded(this.state, this.nowMs));
  }
}

function stripGroupId(c: ConsumerGroupConfig): Omit<ConsumerGroupConfig, 'groupId'> {
  const { groupId: _ignored, ...rest } = c;
  return rest;
}
