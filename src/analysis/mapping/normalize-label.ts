/**
 * Label normalisation shared by the index and the lookup: both sides go through the same steps,
 * so table variants and printed labels meet whatever the brackets, spacing, case or numbering.
 */

// Leading outline numbering as printed: "一、", "（一）", "1.", "(1)", "1、", "a)".
const LEADING_NUMBERING = [
  /^[一二三四五六七八九十]+\s*[、.．]\s*/u,
  /^\(\s*[一二三四五六七八九十]+\s*\)\s*/u,
  /^\(\s*\d{1,2}\s*\)\s*/u,
  /^\d{1,2}\s*[.、)]\s*(?!\d)/u,
  /^[a-z]\)\s*/iu,
];

// Prefixes that say how the line combines, not what it is.
const PREFIXES = /^(其中|减|加|以下|including|less|add|plus)\s*[:：]\s*/iu;

// Trailing notes references: "（附注七、1）", "七、1", "五、(三)", "(Note 5)", "注1", or a bare " 12".
const TRAILING_NOTES = [
  /\s*\(\s*(附注|注释|注|notes?)\s*[^)]*\)\s*$/iu,
  /\s*(附注|注释|注)\s*[一二三四五六七八九十\d、.()]+$/u,
  /\s+[一二三四五六七八九十]+\s*[、.]\s*(\d+|\(?[一二三四五六七八九十]+\)?)(\s*\(\d+\))?$/u,
  /(?<=\p{Script=Han})[一二三四五六七八九十]+[、.]\d+$/u,
  /\s+notes?\s+\d+$/iu,
  /\s+\d{1,2}(\s*\(\d+\))?$/u,
];

// CAS instructions printed inside the label: "（亏损以“－”号填列）".
const CAS_INSTRUCTION = /\([^)]*填列[^)]*\)/gu;

/** Width, quotes and dashes made uniform; everything else untouched (for display and prefix rules). */
export function canonicalText(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u2032`´]/gu, "'")
    .replace(/[\u201c\u201d]/gu, '"')
    .replace(/[\u2212\u2013\u2014\u2010\u2011]/gu, '-')
    .replace(/\u00a0/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Strip numbering, combination prefixes, CAS instructions and trailing note references. */
export function stripDecorations(label: string): string {
  let s = canonicalText(label);
  for (let changed = true; changed; ) {
    const before = s;
    for (const re of LEADING_NUMBERING) s = s.replace(re, '');
    s = s.replace(PREFIXES, '');
    s = s.replace(CAS_INSTRUCTION, '');
    for (const re of TRAILING_NOTES) s = s.replace(re, '');
    s = s.replace(/[:：]\s*$/u, '').trim();
    changed = s !== before && s.length > 0;
    if (s.length === 0) s = before; // never strip a label down to nothing
  }
  return s;
}

/** Lookup key: decorations stripped, `&` spelled out, lower case, only letters and digits kept. */
export function normaliseLabel(label: string): string {
  return stripDecorations(label)
    .replace(/&/gu, ' and ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Second-chance key: bracketed qualifiers dropped ("Total equity (deficit)" → "totalequity"). */
export function normaliseLabelWithoutBrackets(label: string): string {
  const s = stripDecorations(label).replace(/\([^)]*\)/gu, ' ').replace(/\[[^\]]*\]/gu, ' ');
  return normaliseLabel(s);
}

/** True when the label ends with a colon (a section header such as "Current assets:"). */
export function looksLikeHeader(label: string): boolean {
  return /[:：]\s*$/u.test(label.trim());
}

export function hasCjk(label: string): boolean {
  return /\p{Script=Han}/u.test(label);
}
