import hnswlib from 'hnswlib-node';
import { err, ok, type Result } from '../core/result.js';
import type { FileSource } from '../storage/verified-file.js';
import { hnswFileCheck } from './hnsw-file-check.js';
import type { HnswParameters } from './manifest.js';

export interface Neighbour {
  readonly label: number;
  /** Cosine similarity, 1 for identical directions. */
  readonly similarity: number;
}

const GROWTH = 1.5;

/**
 * The HNSW graph of chunk vectors (hnswlib). The file format records neither the
 * space nor the dimensions and hnswlib resets `ef` to 10 on load, so the manifest
 * carries all three and `open` re-applies them.
 */
export class VectorStore {
  private constructor(
    private readonly graph: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
    private live: number,
  ) {}

  static create(dimensions: number, parameters: HnswParameters, capacity: number): VectorStore {
    const graph = new hnswlib.HierarchicalNSW(parameters.space, dimensions);
    graph.initIndex({
      maxElements: Math.max(16, capacity),
      m: parameters.m,
      efConstruction: parameters.efConstruction,
      allowReplaceDeleted: true,
    });
    graph.setEf(parameters.efSearch);
    return new VectorStore(graph, dimensions, 0);
  }

  /**
   * `liveCount` is the number of labels in use, from the manifest (hnswlib also counts deleted slots).
   * hnswlib throws on a file it cannot read; that comes back as the reason.
   */
  static async open(file: string, dimensions: number, parameters: HnswParameters, liveCount: number): Promise<Result<VectorStore, string>> {
    const graph = new hnswlib.HierarchicalNSW(parameters.space, dimensions);
    try {
      await graph.readIndex(file, true);
    } catch (error) {
      return err(error instanceof Error ? error.message : String(error));
    }
    graph.setEf(parameters.efSearch);
    return ok(new VectorStore(graph, dimensions, liveCount));
  }

  get size(): number {
    return this.live;
  }

  add(label: number, vector: Float32Array): void {
    if (this.graph.getCurrentCount() >= this.graph.getMaxElements()) {
      this.graph.resizeIndex(Math.ceil(this.graph.getMaxElements() * GROWTH));
    }
    this.graph.addPoint(Array.from(vector), label, true);
    this.live += 1;
  }

  remove(label: number): void {
    this.graph.markDelete(label);
    this.live -= 1;
  }

  setEf(ef: number): void {
    this.graph.setEf(ef);
  }

  search(vector: Float32Array, k: number): Neighbour[] {
    const wanted = Math.min(k, this.live);
    if (wanted <= 0) return [];
    const { neighbors, distances } = this.graph.searchKnn(Array.from(vector), wanted);
    return neighbors.map((label, i) => ({ label, similarity: 1 - (distances[i] ?? 1) }));
  }

  /** True when `label` has a live (not deleted) vector. */
  has(label: number): boolean {
    try {
      this.graph.getPoint(label);
      return true;
    } catch {
      return false;
    }
  }

  vector(label: number): Float32Array {
    return Float32Array.from(this.graph.getPoint(label));
  }

  /** The graph as a file for `writeVerified`: hnswlib writes it, and the read-back checks it is whole. */
  fileSource(): FileSource {
    return { write: (temporary) => this.graph.writeIndex(temporary), check: () => hnswFileCheck(this.graph.getCurrentCount()) };
  }
}
