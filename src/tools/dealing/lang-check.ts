/**
 * Language-purity probes for replies: what a Chinese reply carries in English words, what an English
 * reply carries in CJK. Used by the reply tests (and handy when reviewing new wording).
 */

/** Lower-case words a Chinese reply may carry: quote sides, units and the deal keywords traders type. */
const ZH_ALLOWED = new Set(['bid', 'ofr', 'bp', 'pips', 'done', 'mine', 'yours', 'kw']);

/** ASCII words in a zh reply that are not codes (digits, _ . in ids, upper-case tickers) or allowed words. */
export function strayAsciiWords(reply: string): string[] {
  // Check codes are kept in parentheses on purpose (traders search for them).
  const tokens = reply.replace(/（[a-z_0-9]+）/g, '').match(/[A-Za-z0-9][A-Za-z0-9_.+/'-]*/g) ?? [];
  return tokens
    .flatMap((t) => t.split('/'))
    .filter((t) => /[A-Za-z]{2,}/.test(t))
    .filter((t) => !/\d/.test(t) && !/[a-z][_.][a-z]/i.test(t) && !/^[A-Z][A-Z0-9+-]*$/.test(t))
    .filter((t) => !ZH_ALLOWED.has(t.replace(/[.'-]+$/, '')));
}

/** CJK characters or full-width punctuation in an en reply, outside bond short names such as 22国开05. */
export function strayCjk(reply: string): string[] {
  return reply.replace(/\d{2}[\u4e00-\u9fff]+\d{2,3}/g, '').match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g) ?? [];
}
