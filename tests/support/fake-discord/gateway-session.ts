import type { WebSocket } from 'ws';
import type { GatewayEncoder } from './gateway-encoding.js';

export interface DispatchFrame {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

/**
 * A gateway session: what IDENTIFY creates and RESUME continues. It numbers dispatches and keeps them so a
 * resuming client gets everything after the sequence it last saw, including events sent while it was away.
 */
export class GatewaySession {
  private sequence = 0;
  private readonly sent: DispatchFrame[] = [];
  /** False once Discord would refuse to resume it (4007/4009 closes, op 9 false, client closing with 1000/1001). */
  valid = true;
  connection: GatewayConnection | undefined;

  constructor(
    readonly id: string,
    readonly shard: readonly [id: number, count: number],
    readonly intents: number,
  ) {}

  get lastSequence(): number {
    return this.sequence;
  }

  hasIntent(bit: number): boolean {
    return (this.intents & bit) === bit;
  }

  /** Numbers a dispatch, keeps it for replay, and sends it if a ready connection holds the session. */
  dispatch(t: string, d: unknown): void {
    const frame: DispatchFrame = { op: 0, t, s: ++this.sequence, d };
    this.sent.push(frame);
    if (this.connection?.state === 'ready') this.connection.send(frame);
  }

  dispatchesAfter(sequence: number): DispatchFrame[] {
    return this.sent.filter((frame) => frame.s > sequence);
  }
}

/** One WebSocket connection; it holds a session once IDENTIFY or RESUME succeeds. */
export class GatewayConnection {
  session: GatewaySession | undefined;
  /** `connecting` until READY or RESUMED has been sent; `closing` as soon as either side starts closing. */
  state: 'connecting' | 'ready' | 'closing' = 'connecting';
  closedByServer = false;
  private readonly sendTimes: number[] = [];

  constructor(
    readonly socket: WebSocket,
    readonly encoder: GatewayEncoder,
  ) {}

  send(payload: unknown): void {
    this.encoder.send(payload);
  }

  /** Records a payload from the client; returns how many arrived within the last `windowMs`. */
  countSend(now: number, windowMs: number): number {
    this.sendTimes.push(now);
    while ((this.sendTimes[0] ?? now) <= now - windowMs) this.sendTimes.shift();
    return this.sendTimes.length;
  }
}
