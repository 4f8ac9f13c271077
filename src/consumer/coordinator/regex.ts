/**
 * Regular-expression subscriptions with RE2 semantics (Kafka uses RE2/J; re2js is its
 * JavaScript port): linear-time matching, so a hostile pattern cannot stall the coordinator. A
 * pattern must match the whole topic name.
 */
import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { compareStrings } from '../../protocol/topic-partitions.js';
import type { MetadataImage } from './types.js';

/** Compiles `regex`; returns Kafka's INVALID_REGULAR_EXPRESSION message when it does not compile. */
export function checkRegex(regex: string): string | undefined {
  try {
    RE2JS.compile(regex);
    return undefined;
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    const description = e instanceof RE2JSSyntaxException ? e.getDescription() : e.message;
    return `SubscribedTopicRegex \`${regex}\` is not a valid regular expression: ${description}.`;
  }
}

/** The topic names in `metadata` that `regex` matches in full, sorted; empty when it does not compile. */
export function resolveRegex(regex: string, metadata: MetadataImage): string[] {
  let re: RE2JS;
  try {
    re = RE2JS.compile(regex);
  } catch (e) {
    if (e instanceof RE2JSException) return [];
    throw e;
  }
  const out: string[] = [];
  for (const name of metadata.byName.keys()) if (re.matches(name)) out.push(name);
  return out.sort(compareStrings);
}
