import { constants as zlibConstants, createDeflate, deflateSync, type Deflate } from 'node:zlib';

/**
 * How payloads are framed for one connection:
 * - `none`: JSON text frames (discord.js's default: it only asks for zlib-stream when `zlib-sync` is installed);
 * - `zlib-stream` (`?compress=zlib-stream`): one deflate stream per connection, each payload ends with a
 *   Z_SYNC_FLUSH (`00 00 ff ff`), sent as binary frames;
 * - `payload` (IDENTIFY `compress: true`): each payload deflated on its own, as binary frames.
 */
export type GatewayCompression = 'none' | 'zlib-stream' | 'payload';

export class GatewayEncoder {
  private readonly stream: Deflate | undefined;
  /** Serialises async deflate work so frames leave in sequence order. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    public compression: GatewayCompression,
    private readonly sendFrame: (frame: string | Buffer) => void,
  ) {
    if (compression === 'zlib-stream') this.stream = createDeflate();
  }

  send(payload: unknown): void {
    const json = JSON.stringify(payload);
    if (this.compression === 'none') {
      this.sendFrame(json);
    } else if (this.compression === 'payload') {
      this.sendFrame(deflateSync(json));
    } else {
      this.pending = this.pending.then(() => this.deflateStreamed(json)).then(this.sendFrame);
    }
  }

  close(): void {
    this.stream?.close();
  }

  private deflateStreamed(json: string): Promise<Buffer> {
    const stream = this.stream as Deflate;
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const collect = (chunk: Buffer): void => {
        chunks.push(chunk);
      };
      stream.on('data', collect);
      stream.write(json);
      stream.flush(zlibConstants.Z_SYNC_FLUSH, () => {
        stream.off('data', collect);
        resolve(Buffer.concat(chunks));
      });
    });
  }
}
