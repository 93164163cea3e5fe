/** Worker thread of the PDF pool: renders the invoices it is sent and answers with their sizes. */
import { parentPort } from 'node:worker_threads';
import { renderInvoicePdf, type InvoicePrint } from './billing-pdf';

parentPort!.on('message', (message: { id: number; prints: InvoicePrint[] }) => {
  void (async () => {
    let bytes = 0;
    for (const print of message.prints) bytes += (await renderInvoicePdf(print)).length;
    parentPort!.postMessage({ id: message.id, count: message.prints.length, bytes });
  })();
});
