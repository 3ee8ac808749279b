/**
 * Text normalisation before tokenising: NFKC folds full-width forms (`１Ｅ`, `＋０`, `／`, `，`)
 * to ASCII; English number words become digits (`three point five` → `3.5`, `ten year` → `10 year`)
 * because trader messages spell rates out.
 */
const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const DIGIT = '(?:zero|one|two|three|four|five|six|seven|eight|nine)';
const UNIT_RE = Object.keys(UNITS).sort((a, b) => b.length - a.length).join('|');
const TENS_RE = Object.keys(TENS).join('|');
// "twenty five" / "twenty-five" / "three" (+ "point five" | "and a half") (+ "hundred"); not "two-way".
const NUMBER_WORDS = new RegExp(
  `\\b(?:(${TENS_RE})(?:[\\s-]+(${UNIT_RE}))?|(${UNIT_RE}))(?:\\s+(hundred))?` +
    `(?:\\s+point((?:\\s+${DIGIT})+)|\\s+and\\s+a\\s+(half))?\\b(?!-way)`,
  'gi',
);

function wordValue(w: string | undefined): number {
  if (!w) return 0;
  const k = w.toLowerCase();
  return UNITS[k] ?? TENS[k] ?? 0;
}

export function wordsToDigits(text: string): string {
  return text.replace(
    NUMBER_WORDS,
    (m, tens: string | undefined, unit: string | undefined, solo: string | undefined, hundred: string | undefined, point: string | undefined, half: string | undefined) => {
      // "one" on its own is usually a pronoun ("the one"); keep it unless a decimal follows.
      if (solo && solo.toLowerCase() === 'one' && !point && !half && !hundred) return m;
      let v = tens ? wordValue(tens) + wordValue(unit) : wordValue(solo);
      if (hundred) v *= 100;
      let s = String(v);
      if (point) s += '.' + point.trim().split(/\s+/).map((d) => String(wordValue(d))).join('');
      else if (half) s += '.5';
      return s;
    },
  );
}

/** Lower-cases ASCII letters only, so indices stay aligned with the original string. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function normalizeText(text: string): string {
  const folded = text.normalize('NFKC').replace(/[\u3000\u00a0]/g, ' ').replace(/[“”‘’]/g, "'").replace(/[—–]/g, '-');
  return wordsToDigits(folded);
}
