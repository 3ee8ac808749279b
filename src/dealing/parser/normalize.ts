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

/**
 * Spelled-out basis-point / pip amounts become numbers so a relative counter reads its size:
 * `half a bp` → `0.5bp`, `a quarter of a bp` → `0.25bp`, `a bp` → `1bp`, `半个bp` → `0.5bp`,
 * `两个基点` → `2基点`. `一点` alone ("a little", 好一点) is left alone: only `个` + unit is a count.
 */
const BP_UNIT_EN = '(bps?|basis points?|pips?)';
const CN_COUNT = /([一二两三四五六七八九十]+|半)\s*个\s*(bps?|基点|点)/gi;
const CN_COUNT_DIGIT: Record<string, string> = { 一: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9', 十: '10' };

export function amountsToDigits(text: string): string {
  return text
    .replace(new RegExp(`\\b(?:a\\s+)?half\\s+(?:a\\s+|of\\s+a\\s+)?${BP_UNIT_EN}(?![a-z])`, 'gi'), '0.5$1')
    .replace(new RegExp(`\\b(?:a\\s+)?quarter\\s+(?:of\\s+)?(?:a\\s+)?${BP_UNIT_EN}(?![a-z])`, 'gi'), '0.25$1')
    .replace(new RegExp(`\\b(?:a|an|one)\\s+${BP_UNIT_EN}(?![a-z])`, 'gi'), '1$1')
    .replace(CN_COUNT, (m, n: string, unit: string) => {
      const v = n === '半' ? '0.5' : (CN_COUNT_DIGIT[n] ?? null);
      return v === null ? m : `${v}${unit}`;
    });
}

export function normalizeText(text: string): string {
  const folded = text.normalize('NFKC').replace(/[\u3000\u00a0]/g, ' ').replace(/[“”‘’]/g, "'").replace(/[—–]/g, '-');
  return amountsToDigits(wordsToDigits(folded));
}
