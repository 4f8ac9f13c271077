/**
 * What a handler knows of a request besides its body: where to send the answer, and the
 * request header fields Kafka reads.
 */
import type { ParkedRequest } from './types.js';

/** The envelope of a request, as handlers see it. */
export interface RequestMeta extends ParkedRequest {
  /** The client id from the request header ("" when absent). */
  readonly clientId: string;
  /** The client's address ("" when absent). */
  readonly clientHost: string;
}
