/**
 * Reads the text of an uncompressed pdfkit PDF (tests): pdfkit writes standard-font text as hex strings in
 * `TJ` arrays, WinAnsi-encoded. Good enough to assert that a mention is printed; not a general PDF parser.
 */
const WIN_ANSI_EXTRA: Record<number, string> = {
  0x80: '€',
  0x92: '’',
  0x96: '–',
  0x97: '—',
  0x85: '…',
  0x9c: 'œ',
  0x8c: 'Œ',
  0xa0: ' ',
  0xab: '«',
  0xbb: '»',
};

export function extractPdfText(pdf: Uint8Array): string {
  const source = Buffer.from(pdf).toString('latin1');
  const out: string[] = [];
  for (const m of source.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
    const parts = [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => {
      let s = '';
      for (let i = 0; i + 1 < h[1]!.length; i += 2) {
        const code = parseInt(h[1]!.slice(i, i + 2), 16);
        s += WIN_ANSI_EXTRA[code] ?? String.fromCharCode(code);
      }
      return s;
    });
    out.push(parts.join(''));
  }
  return out.join('\n');
}
