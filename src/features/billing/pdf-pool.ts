/**
 * A small pool of worker threads that render invoice PDFs (pdfkit is CPU-bound: a batch of a month's invoices
 * uses every core). Started like the optimiser's worker: a .ts worker through tsx's API, a .js one directly.
 */
import { Worker } from 'node:worker_threads';
import type { InvoicePrint } from './billing-pdf';

export interface PdfPool {
  /** Renders the invoices and resolves with how many and their total size in bytes. */
  render(prints: InvoicePrint[]): Promise<{ count: number; bytes: number }>;
  close(): Promise<void>;
}

export function createPdfPool(threads: number): PdfPool {
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './pdf.worker.ts' : './pdf.worker.js', import.meta.url);
  const workers = Array.from({ length: Math.max(1, threads) }, () =>
    isTs
      ? new Worker(
          `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`,
          { eval: true },
        )
      : new Worker(url),
  );
  const pending = new Map<
    number,
    { resolve: (r: { count: number; bytes: number }) => void; reject: (e: unknown) => void }
  >();
  let nextId = 0;
  let turn = 0;
  for (const w of workers) {
    w.on('message', (m: { id: number; count: number; bytes: number }) => {
      pending.get(m.id)?.resolve({ count: m.count, bytes: m.bytes });
      pending.delete(m.id);
    });
    w.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  return {
    render(prints) {
      const id = nextId++;
      const worker = workers[turn++ % workers.length]!;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, prints });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
