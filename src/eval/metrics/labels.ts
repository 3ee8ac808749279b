/** Citation labels compare after NFKC, trimming and removing whitespace (《办法》 第十二条 ≡ 《办法》第十二条). */
export function normalizeLabel(label: string): string {
  return label.normalize('NFKC').replace(/\s+/g, '');
}
