interface Pending<In, Out> {
  readonly input: In;
  readonly resolve: (output: Out) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs one batch at a time and folds requests that arrive meanwhile into the next
 * batch. The model is the bottleneck: running calls concurrently only makes them
 * fight for the same cores, while one batch of eight queries costs little more than
 * one query.
 */
export class BatchingQueue<In, Out> {
  private readonly waiting: Pending<In, Out>[] = [];
  private running = false;

  constructor(
    private readonly runBatch: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch: number,
  ) {}

  push(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const outputs = await this.runBatch(batch.map((pending) => pending.input));
        batch.forEach((pending, i) => pending.resolve(outputs[i] as Out));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.running = false;
  }
}
