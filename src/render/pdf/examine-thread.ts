import { Worker } from 'node:worker_threads';
import { examinePdf, type ExamineInput, type Examined } from './examine.js';

/**
 * One worker thread that stamps and checks a batch's PDFs (pdf-worker.ts), started at its
 * first PDF and ended with the converter. If it cannot start or dies, it is no longer used:
 * the PDFs it had get an error each, later ones are examined in the calling thread.
 */
export class ExamineThread {
  private worker: Worker | undefined;
  private broken = false;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (r: Examined) => void; reject: (e: Error) => void }>();

  constructor(private readonly script: URL) {}

  /** Whether PDFs still go to the thread. */
  get usable(): boolean {
    return !this.broken;
  }

  examine(input: ExamineInput): Promise<Examined> {
    if (this.broken) return examinePdf(input);
    const worker = (this.worker ??= this.start());
    const id = ++this.next;
    return new Promise<Examined>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.broken = true;
    if (w) await w.terminate();
  }

  private start(): Worker {
    const worker = new Worker(this.script);
    worker.on('message', (m: { id: number; result?: Examined; error?: string }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (!w) return;
      if (m.result) {
        // A moved buffer arrives as a plain Uint8Array; writers and hashes take either.
        w.resolve(m.result);
      } else w.reject(new Error(m.error ?? 'PDF check failed'));
    });
    const fail = (e: Error) => {
      this.broken = true;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.waiting.size > 0) fail(new Error(`PDF check thread stopped (${code})`));
    });
    return worker;
  }
}
