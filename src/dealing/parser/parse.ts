import type { CatalogBond, InstrumentCatalog } from './catalog.js';
import { findClient } from './client.js';
import { PROVINCES, type Dir, type Tag } from './lexicon.js';
import { normalizeText } from './normalize.js';
import {
  ParseResultSchema,
  type Action,
  type InstrumentKind,
  type LevelType,
  type ParseOptions,
  type ParseResult,
  type ParsedInstrument,
  type Relative,
  type Side,
} from './schema.js';
import { tokenize, type Token } from './tokenize.js';
import { findUnsupported } from './unsupported.js';

type TagToken = Extract<Token, { t: 'tag' }>;
type NumToken = Extract<Token, { t: 'num' }>;

/** `rfq` words that only ask "how much" and so also fit a question about a market level. */
const LEVEL_ASK = /^(多少|是多少|什么价|价格多少|什么水平|where|where's|wheres|level|levels|how much|what level)$/i;
/** An explicit price request: with one of these a line is an inquiry, never a market question. */
const WEAK_RFQ = /^(多少|是多少|什么价|价格多少|where|where's|wheres|level|levels)$/i;
/** A bare yes that confirms a read-back only when it is the whole message. */
const STANDALONE_YES = /^(?:yes|yep|yup|yeah|y|correct|that's right|that's correct|affirmative|是|是的|对|对的|对对|是是|没错)(?:\s*(?:pls|please|thanks|thx|谢谢))?$/i;
const SWAP_TALK = /cross[\s-]?currency|\bccs\b|\bxccy\b|interest rate swap|\birs\b|basis swap|利率互换|货币互换|\bswaps?\b.*\b(?:fixed|fix|pays?|paying|receives?|receiving|rcv|sofr|estr|euribor|libor|shibor|tona|sonia)\b|\b(?:fixed|fix|pays?|paying|receives?|receiving|rcv|sofr|estr|euribor|libor|shibor|tona|sonia)\b.*\bswaps?\b/i;
/** Single credit-bond markers inside an unknown bond short name (`24宁波城投债01`). */
const CREDIT_NAME_WORD = /城投|企业|公司|永续|二级|资本|次级|中票|短融/;

/**
 * Deterministic parse of one dealer chat line. Reads what is written and nothing more: a slot the
 * message does not give stays null (and is listed in `missing` when the action needs it); what it
 * cannot read is listed in `unparsed`. Context (the open RFQ in a thread) is the caller's job.
 */
export function parseDealerMessage(text: string, catalog: InstrumentCatalog, opts: ParseOptions = {}): ParseResult {
  const norm = normalizeText(text).replace(/\s+/g, ' ').trim();
  // The client's name and an unsupported pair are read first and blanked out, so their words never
  // reach instrument detection (`宁波城商` is a client, not a city-bank NCD; `USDJPY` is not USD/CNY).
  const clientHit = findClient(norm, catalog);
  // In swap talk a currency pair names the swap's legs (`USDEUR cross currency swap`), not an FX trade.
  const unsupportedHit = SWAP_TALK.test(norm) ? null : findUnsupported(norm, catalog.fxPairs);
  // Spans are UTF-16 offsets (regex indices), so blank UTF-16 units, not code points.
  const masked = norm.split('');
  for (const span of [clientHit, unsupportedHit]) {
    if (!span) continue;
    for (let k = span.start; k < span.end; k++) masked[k] = ' ';
  }
  const { tokens } = tokenize(masked.join(''), catalog);
  const used = new Set<Token>();
  const tags = (k: Tag['k']) => tokens.filter((t): t is Extract<Token, { t: 'tag' }> => t.t === 'tag' && t.tag.k === k);
  const has = (k: Tag['k']) => tags(k).length > 0;
  const firstTag = <K extends Tag['k']>(k: K): Extract<Tag, { k: K }> | null => {
    const t = tags(k)[0];
    return t ? (t.tag as Extract<Tag, { k: K }>) : null;
  };
  const unparsed: string[] = [];

  // ---- instrument ----------------------------------------------------------------------------
  const bondTok = tokens.find((t): t is Extract<Token, { t: 'bond' }> => t.t === 'bond');
  const codeTok = tokens.find((t) => t.t === 'code' || t.t === 'bondname');
  const repoTok = tokens.find((t): t is Extract<Token, { t: 'repocode' }> => t.t === 'repocode');
  const tenorToks = tokens.filter((t): t is Extract<Token, { t: 'tenor' }> => t.t === 'tenor');
  const issuer = firstTag('issuer');
  const bucket = firstTag('bucket');
  const fxWord = firstTag('fx');
  const fxOnlyTenor = tenorToks.some((t) => /^(TN|SN|SW)$/.test(t.v));
  const isFx = has('pair') || fxWord !== null || (fxOnlyTenor && !has('repo') && !has('lending') && !has('money'));
  const noCashInstrument = !tokens.some((t) => t.t === 'bond' || t.t === 'code' || t.t === 'bondname' || t.t === 'repocode') && !has('issuer') && !has('bucket') && !has('ncd') && !has('repo');
  // pay/receive (fixed) only occur in swap talk: `Paying USD, receiving JPY, 2-year` is a swap.
  const isIrs = !isFx && (has('irs') || (has('swap') && (has('index') || has('payrec') || has('fixed'))) || (has('payrec') && noCashInstrument));
  const moneyTenor = tenorToks.find((t) => /^(\d+D|\d+W|ON|TN|SN)$/.test(t.v));
  const moneyDir = tags('money').some((t) => t.tag.k === 'money' && t.tag.dir !== undefined);
  const looseMoney = (moneyDir || moneyTenor !== undefined || (has('money') && tokens.some((t) => t.t === 'size' || t.t === 'num')));
  const isRepo = !isFx && !isIrs && (has('repo') || !!repoTok || (looseMoney && !bondTok && !codeTok && !issuer && !bucket && !has('ncd')));
  const isLending = has('lending') || (repoTok?.code.startsWith('IBO') ?? false);

  // ---- unsupported product -------------------------------------------------------------------------
  const otherCcy = tags('ccy').map((t) => (t.tag.k === 'ccy' ? t.tag.v : '')).find((c) => c !== 'USD' && c !== 'CNY');
  const creditCode = tokens.find((t) => t.t === 'code' && /^\d{9}$/.test(t.v) && !/^11/.test(t.v));
  const creditName = tokens.find((t) => t.t === 'bondname' && CREDIT_NAME_WORD.test(t.raw));
  const unsupported: string | null =
    unsupportedHit?.label ??
    firstTag('unsupported')?.v ??
    (creditCode || creditName ? 'credit bond' : null) ??
    // `EUR spot 5mio`, `日元 1M 远期`: an FX product in a currency other than USD is another pair against CNY.
    (isFx && !has('pair') && otherCcy ? `${otherCcy}/CNY` : null);
  const unsupportedPair = unsupported !== null && /^[A-Z]{3}\/[A-Z]{3}$/.test(unsupported) ? unsupported : null;

  let instrument: ParsedInstrument | null = null;
  const missingInstr: string[] = [];
  let kind: InstrumentKind | null = null;
  const tenorOf = (pred: (v: string) => boolean) => {
    const t = tenorToks.find((x) => pred(x.v));
    if (t) used.add(t);
    return t?.v ?? null;
  };

  if (unsupported !== null) {
    // Never coerced to a product we quote: the tool refuses it by name. Its tenor and code are not leftovers.
    for (const t of tokens) if (t.t === 'tenor' || t === creditCode || t === creditName) used.add(t);
  } else if (isFx) {
    kind = fxWord?.v === 'swap' ? 'fx_swap' : fxWord?.v === 'forward' ? 'fx_forward' : fxWord?.v === 'spot' ? 'fx_spot' : null;
    let tenor = tenorOf(() => true);
    if (tenor && /^(ON|TN|SN)$/.test(tenor) && !kind) kind = 'fx_swap';
    if (tenor === '1D') tenor = 'ON';
    if (!kind) kind = tenor ? (has('swap') ? 'fx_swap' : 'fx_forward') : 'fx_spot';
    if (kind === 'fx_spot') tenor = 'SPOT';
    const pair = firstTag('pair')?.v ?? catalog.fxPairs[0] ?? 'USD/CNY';
    instrument = { kind, code: pair, name: null, issuer: null, tenor };
    if (!tenor) missingInstr.push('instrument.tenor');
  } else if (isIrs) {
    kind = 'irs';
    const tenor = tenorOf((v) => /[YM]$/.test(v) && !isIndexTenor(v, tokens));
    const mat = maturityDate(tokens, opts);
    instrument = { kind, code: firstTag('index')?.v ?? null, name: null, issuer: null, tenor: tenor ?? mat };
    if (!instrument.tenor) missingInstr.push('instrument.tenor');
  } else if (isRepo || isLending) {
    kind = isLending ? 'lending' : 'repo';
    let tenor = repoTok?.tenor ?? tenorOf(() => true);
    if (repoTok) used.add(repoTok);
    tenor = normRepoTenor(tenor);
    instrument = { kind, code: repoTok?.code ?? null, name: null, issuer: null, tenor };
    if (!tenor) missingInstr.push('instrument.tenor');
  } else if (bondTok) {
    used.add(bondTok);
    kind = bondTok.bond.kind === 'ncd' ? 'ncd' : 'bond';
    instrument = { kind, code: bondTok.bond.code, name: bondTok.bond.shortName, issuer: bondTok.bond.issuer, tenor: null };
  } else if (codeTok) {
    used.add(codeTok);
    // Unknown to the master: keep what was typed, flag it; closestInstruments() suggests matches. The
    // issuer is still read where the line says it (`25广东债12` → LGB-GD, `地方债 2505999`, a 7-digit LGB code).
    const code = codeTok.t === 'code' ? codeTok.v : codeTok.raw;
    kind = /^11\d{7}$/.test(code) ? 'ncd' : 'bond';
    const issuerSaid = issuer?.v ?? (codeTok.t === 'bondname' ? issuerFromName(code) : /^\d{7}$/.test(code) ? 'LGB' : null);
    instrument = { kind, code, name: null, issuer: kind === 'bond' ? issuerSaid : null, tenor: null };
    unparsed.push(codeTok.raw);
  } else if (bucket || has('ncd')) {
    kind = 'ncd';
    const tenor = tenorOf((v) => /[MY]$/.test(v));
    instrument = { kind, code: null, name: null, issuer: bucket?.v ?? null, tenor };
    if (!bucket) missingInstr.push('instrument.issuer');
    if (!tenor) missingInstr.push('instrument.tenor');
  } else if (issuer) {
    kind = 'bond';
    const tenor = tenorOf((v) => /[YM]$/.test(v));
    instrument = { kind, code: null, name: null, issuer: issuer.v, tenor };
    if (has('otr') && tenor) {
      const otr = catalog.bonds.find((b) => b.issuer === issuer.v && b.benchmarkTenor === tenor);
      if (otr) instrument = { ...instrument, code: otr.code, name: otr.shortName };
    }
    if (!tenor) missingInstr.push('instrument.tenor');
  } else {
    const yTenor = tenorToks.find((t) => /Y$/.test(t.v));
    if (yTenor && (has('side') || has('rfq') || tokens.some((t) => t.t === 'size'))) {
      // `10Y 2.15 出 1E`: a bond by tenor, issuer not said.
      used.add(yTenor);
      kind = 'bond';
      instrument = { kind, code: null, name: null, issuer: null, tenor: yTenor.v };
      missingInstr.push('instrument.issuer');
    }
  }
  for (const t of tokens) {
    if (t.t === 'tag' && ['issuer', 'bucket', 'ncd', 'repo', 'lending', 'pair', 'fx', 'swap', 'irs', 'index', 'otr'].includes(t.tag.k)) used.add(t);
    if (kind === 'irs' && t.t === 'tenor' && isIndexTenor(t.v, tokens)) used.add(t);
  }

  // ---- side --------------------------------------------------------------------------------------
  let dir = direction(tokens, kind);
  // `收在1.84 1E`: 收在 asks where something closed, unless the line carries a size or a level (then it bids).
  if (dir === null && tokens.some((t) => t.t === 'size' || t.t === 'num')) {
    const h = tags('hist').find((t) => t.tag.k === 'hist' && t.tag.dir !== undefined);
    if (h && h.tag.k === 'hist' && h.tag.dir !== undefined) dir = h.tag.dir;
  }
  const side: Side | null = dir === null ? null : sideFor(dir, kind);

  // ---- size --------------------------------------------------------------------------------------
  let notional: number | null = null;
  let currency: string | null = null;
  // A zero or absurd size is not read as a size (never a silent zero): it is reported as unparsed.
  for (const t of tokens) {
    if (t.t === 'size' && !(t.v > 0 && t.v < 1e15)) {
      used.add(t);
      unparsed.push(t.raw);
    }
  }
  const sizeIdx = tokens.findIndex((t) => t.t === 'size' && !used.has(t));
  if (sizeIdx >= 0) {
    const s = tokens[sizeIdx] as Extract<Token, { t: 'size' }>;
    used.add(s);
    notional = s.v;
    currency = s.ccy ?? adjacentCcy(tokens, sizeIdx) ?? null;
  } else {
    // Bare count in an English line: `Mine 500 @ 1.8350`, `USD/CNY 10 pls`, `in 20` = millions.
    const bare = tokens.findIndex((t, k) => {
      if (t.t !== 'num' || t.dp !== 0 || t.unit || t.v < 1 || t.v > 99999) return false;
      const prev = tokens[k - 1];
      const next = tokens[k + 1];
      const prevK = prev?.t === 'tag' ? prev.tag.k : null;
      const nextK = next?.t === 'tag' ? next.tag.k : null;
      return prevK === 'accept' || prevK === 'size' || nextK === 'at' || nextK === 'each' || (isFx && k > 0 && prev?.t === 'tag' && prev.tag.k === 'pair');
    });
    if (bare >= 0) {
      const b = tokens[bare] as Extract<Token, { t: 'num' }>;
      used.add(b);
      notional = b.v * 1e6;
      currency = adjacentCcy(tokens, bare);
    }
  }
  if (notional !== null && !currency) {
    if (kind === 'fx_spot' || kind === 'fx_forward' || kind === 'fx_swap') currency = 'USD';
    else if (unsupportedPair) currency = unsupportedPair.slice(0, 3);
    else if (kind === 'bond' || kind === 'ncd' || kind === 'repo' || kind === 'lending') currency = 'CNY';
    else if (kind === 'irs') currency = firstTag('ccy')?.v ?? null;
  }
  // No size: report the currency only when the message names one (`We pay USD fixed 3.35%`).
  if (notional === null) currency = firstTag('ccy')?.v ?? null;
  for (const t of tags('ccy')) used.add(t);

  // ---- relative counter --------------------------------------------------------------------------
  const relative = relativeCounter(tokens, used, isFx || unsupportedPair !== null);

  // ---- level -------------------------------------------------------------------------------------
  let level: number | null = null;
  let levelType: LevelType | null = null;
  for (const t of tokens) {
    if (t.t === 'num' && !used.has(t) && Math.abs(t.v) >= 1e10) {
      used.add(t);
      unparsed.push(t.raw);
    }
  }
  const nums = tokens.filter((t): t is Extract<Token, { t: 'num' }> => t.t === 'num' && !used.has(t));
  const two = tokens.find((t): t is Extract<Token, { t: 'two' }> => t.t === 'two');
  // A relative counter has no absolute level (`2bp better`): any other number stays a leftover.
  const pick = relative ? undefined : kind === 'irs' ? (nums.find((n) => n.unit === 'pct') ?? nums.find((n) => n.unit !== 'bp' && n.v < 20) ?? nums.find((n) => n.unit === 'bp')) : nums[0];
  if (pick) {
    used.add(pick);
    level = pick.v;
    const k = tokens.indexOf(pick);
    const before = tokens[k - 1];
    if (pick.unit === 'bp' && before?.t === 'tag' && before.tag.k === 'sign') level = before.tag.v * Math.abs(level);
    levelType = levelTypeFor(pick, kind, has('price'), has('yield'));
  } else if (two) {
    // A two-way from the requester has no single level: say we could not place it.
    used.add(two);
    unparsed.push(two.raw);
  }
  if (pick && two) unparsed.push(two.raw);
  for (const n of nums) if (!used.has(n)) unparsed.push(n.raw);

  // ---- settlement --------------------------------------------------------------------------------
  const settle = settlement(tokens, kind, opts, unparsed, used);

  // ---- firm / indicative ----------------------------------------------------------------------------
  const hasRef = has('ref');
  let firm: boolean | null = null;
  if (has('firm')) firm = true;
  if (has('indic') || (hasRef && level !== null)) firm = false;

  // ---- action --------------------------------------------------------------------------------------
  const accept = firstTag('accept');
  const strongAccept = accept !== null;
  const weakSide = tags('side').some((t) => /^(我买|我卖|i buy|i sell|买|卖)$/i.test(t.raw));
  const named = instrument !== null || unsupported !== null;
  const tradeish = named || notional !== null || level !== null || has('side') || has('rfq');
  const confirm = !has('askconfirm') && (has('confirm') || STANDALONE_YES.test(norm.replace(/^[\s.!,~]+|[\s.!,~]+$/g, '')));
  // A size change for the live RFQ: a new size, no level, no side, no instrument (naming one is a new inquiry).
  const amend = notional !== null && level === null && dir === null && !named && (has('amend') || has('counter'));
  const question = isMarketQuestion(tokens, norm, {
    deal: notional !== null || dir !== null || level !== null || two !== undefined || relative !== null || has('payrec'),
    subject: named || has('yield'),
  });
  let action: Action;
  if (has('cancel') || (hasRef && level === null && instrument === null)) action = 'cancel';
  else if (has('pass') && !(has('counter') && level !== null)) action = 'pass';
  else if (confirm) action = 'confirm';
  else if (strongAccept && kind !== 'irs') action = 'accept';
  else if (question) action = 'question';
  else if (kind === 'irs') action = strongAccept ? 'accept' : 'request';
  else if (has('refresh') && !named) action = 'refresh';
  else if (relative) action = 'counter';
  else if (amend) action = 'amend';
  else if (instrument === null && weakSide && level === null && notional !== null) action = 'accept';
  // `make it 500mm at 1.84`: an amendment with a level is a counter carrying the new size.
  else if (!named && (has('counter') || (has('amend') && level !== null) || (level !== null && !has('side') && !has('rfq') && notional === null))) action = 'counter';
  else if (tradeish) action = 'request';
  else action = 'none';

  const missing: string[] = [];
  if (action === 'request' && unsupported === null) {
    if (instrument === null) missing.push('instrument');
    else missing.push(...missingInstr);
    if (notional === null) missing.push('notional');
  } else if (action === 'question' && unsupported === null) {
    if (instrument === null) missing.push('instrument');
    else missing.push(...missingInstr);
  } else if (action === 'counter' && level === null && relative === null) missing.push('level');

  // ---- leftovers ---------------------------------------------------------------------------------
  for (const t of tokens) {
    if (t.t === 'unk') unparsed.push(t.raw);
    else if ((t.t === 'tenor' || t.t === 'size') && !used.has(t)) unparsed.push(t.raw);
    else if ((t.t === 'code' || t.t === 'bondname' || t.t === 'bond') && !used.has(t)) unparsed.push(t.raw);
  }

  const sideless: Action[] = ['none', 'cancel', 'pass', 'question', 'refresh', 'amend'];
  return ParseResultSchema.parse({
    action,
    side: sideless.includes(action) ? null : side,
    instrument,
    notional,
    currency,
    level,
    levelType,
    // `today` in a question dates the question, it is not a settlement.
    settle: action === 'question' && !tokens.some((t) => t.t === 'settle' || t.t === 'date') ? null : settle,
    firm,
    missing,
    unparsed: [...new Set(unparsed.map((u) => ([...u].length > 40 ? `${[...u].slice(0, 40).join('')}…` : u)))],
    client: clientHit?.name ?? null,
    unsupported,
    relative,
  });
}

/**
 * A question about a market level (action `question`), not an inquiry: no size, side, level, two-way or
 * deal verb, no explicit price request (报价, 双边, price, quote, two-way, bid-offer…), and one of
 * - a history/closing marker (`close`, `收在`, `昨天`, `yesterday`, `估值`…) with an instrument or a level ask
 *   (`多少`, `where`, `how much`);
 * - a "now" marker (`现在`, `now`, `today`, `今天`…) with an instrument and a question (`?`, `多少`, `where`…);
 * - a yield word with an instrument and `what`/`多少`/`how much` (`what's the 5y CDB yield?`).
 * `5y CDB where? 1bn` (size) stays a request; `10Y国开 怎么看` (an RFQ word) stays a request.
 */
function isMarketQuestion(tokens: Token[], text: string, ctx: { deal: boolean; subject: boolean }): boolean {
  if (ctx.deal) return false;
  const dealWord = tokens.some((t) => t.t === 'tag' && ['accept', 'counter', 'relative', 'amend', 'refresh', 'confirm', 'cancel', 'pass', 'firm'].includes(t.tag.k));
  if (dealWord) return false;
  const strongRfq = tokens.some((t) => t.t === 'tag' && t.tag.k === 'rfq' && !WEAK_RFQ.test(t.raw));
  if (strongRfq) return false;
  const levelAsk = tokens.some((t) => LEVEL_ASK.test(t.raw));
  const asks = levelAsk || /\?/.test(text) || tokens.some((t) => /^(what's|whats|what|吗|么)$/i.test(t.raw));
  const hist = tokens.some((t) => t.t === 'tag' && t.tag.k === 'hist');
  const now = tokens.some((t) => t.t === 'tag' && (t.tag.k === 'now' || (t.tag.k === 'day' && t.tag.offset === 0)));
  const yieldWord = tokens.some((t) => t.t === 'tag' && t.tag.k === 'yield');
  if (hist && (ctx.subject || levelAsk)) return true;
  if (now && ctx.subject && asks) return true;
  return yieldWord && ctx.subject && (levelAsk || /\b(what|how much)\b|多少/i.test(text));
}

/**
 * `2bp better`, `再让0.25bp`, `better by 0.5`, `好一点`: a counter relative to the desk's quote. The amount
 * is a number in bp/pips, or a small bare number next to a strong marker (`better by 0.5`, `0.5 better`).
 * `点` and bare numbers are pips for FX and bp otherwise. Weak markers (`让`, `give me`) need an amount.
 */
function relativeCounter(tokens: Token[], used: Set<Token>, fx: boolean): Relative | null {
  const rel = tokens.filter((t): t is TagToken => t.t === 'tag' && t.tag.k === 'relative');
  if (!rel.length) return null;
  const strong = rel.some((t) => t.tag.k === 'relative' && t.tag.strong);
  const isRel = (t: Token | undefined) => t?.t === 'tag' && t.tag.k === 'relative';
  let amount: NumToken | undefined = tokens.find((t): t is NumToken => t.t === 'num' && !used.has(t) && (t.unit === 'bp' || t.unit === 'pips') && t.v > 0);
  if (!amount && strong) {
    amount = tokens.find((t, k): t is NumToken => {
      if (t.t !== 'num' || used.has(t) || t.unit !== null || !(t.v > 0) || t.v > 10) return false;
      // 0.25 / 0.5 / 1.5 are step sizes; 1.93 is a level.
      if (t.dp > 2 || (t.dp === 2 && t.v >= 1)) return false;
      return isRel(tokens[k - 1]) || isRel(tokens[k + 1]);
    });
  }
  if (!amount && !strong) return null;
  if (amount) used.add(amount);
  const pips = amount ? (/pip/i.test(amount.raw) || ((amount.unit === 'pips' || amount.unit === null) && fx)) : fx;
  return { amount: amount ? Math.abs(amount.v) : null, unit: pips ? 'pips' : 'bp' };
}

/** The issuer a bond short name states (`25广东债12` → LGB-GD), for names the master does not know. */
function issuerFromName(name: string): string | null {
  if (/国债/.test(name)) return 'CGB';
  if (/国开/.test(name)) return 'CDB';
  if (/进出/.test(name)) return 'EXIM';
  if (/农发/.test(name)) return 'ADBC';
  for (const [province, code] of Object.entries(PROVINCES)) {
    if (name.includes(`${province}债`) || name.includes(`${province}地方债`)) return `LGB-${code}`;
  }
  if (/地方|专项|一般债|再融资|新增债|政府债/.test(name)) return 'LGB';
  return null;
}

/** `3M` / `6M` before an index (`3M SOFR`) names the index tenor, not the trade. */
function isIndexTenor(v: string, tokens: Token[]): boolean {
  const k = tokens.findIndex((t) => t.t === 'tenor' && t.v === v);
  const next = tokens[k + 1];
  return /M$/.test(v) && next?.t === 'tag' && next.tag.k === 'index';
}

function normRepoTenor(t: string | null): string | null {
  if (!t) return null;
  if (t === 'ON' || t === 'O/N') return '1D';
  const w = /^(\d+)W$/.exec(t);
  if (w) return `${Number(w[1]) * 7}D`;
  return t;
}

/**
 * Direction from the first direction word, as +1 (take) / −1 (give). For swaps the fixed leg
 * decides: `pay … 4.25%` = pay fixed; `pay SOFR` = receive fixed; `client pays` flips.
 */
function direction(tokens: Token[], kind: InstrumentKind | null): Dir | null {
  if (kind === 'irs') {
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      if (!t || t.t !== 'tag') continue;
      if (t.tag.k === 'payrec') {
        const prev = tokens[k - 1];
        const flip = prev?.t === 'tag' && prev.tag.k === 'client' ? -1 : 1;
        let d: Dir = (t.tag.dir * flip) as Dir;
        for (let j = k + 1; j < tokens.length; j++) {
          const u = tokens[j];
          if (!u) break;
          if (u.t === 'tag' && (u.tag.k === 'payrec' || u.tag.k === 'vs' || u.tag.k === 'client')) break;
          if ((u.t === 'tag' && u.tag.k === 'fixed') || (u.t === 'num' && u.unit === 'pct')) return d;
          if (u.t === 'tag' && u.tag.k === 'index') {
            d = (-d) as Dir;
            return d;
          }
        }
        return d;
      }
      if (t.tag.k === 'side' || t.tag.k === 'accept') {
        if (t.tag.dir !== 0) return t.tag.dir;
      }
    }
    return null;
  }
  for (const t of tokens) {
    if (t.t !== 'tag') continue;
    const tag = t.tag;
    if ((tag.k === 'side' || tag.k === 'accept') && tag.dir !== 0) return tag.dir;
    if ((tag.k === 'repo' || tag.k === 'money') && tag.dir !== undefined) return tag.dir;
  }
  return null;
}

function sideFor(dir: Dir, kind: InstrumentKind | null): Side {
  if (kind === 'repo' || kind === 'lending') return dir === 1 ? 'borrow' : 'lend';
  if (kind === 'irs') return dir === 1 ? 'pay' : 'receive';
  return dir === 1 ? 'buy' : 'sell';
}

function adjacentCcy(tokens: Token[], k: number): string | null {
  for (const j of [k - 1, k + 1, k - 2]) {
    const t = tokens[j];
    if (t?.t === 'tag' && t.tag.k === 'ccy') return t.tag.v;
  }
  return null;
}

/** Level type from the product, explicit markers and the number's range (market-conventions §2.4). */
function levelTypeFor(n: Extract<Token, { t: 'num' }>, kind: InstrumentKind | null, priceWord: boolean, yieldWord: boolean): LevelType | null {
  if (n.unit === 'bp') return 'spread';
  if (n.unit === 'pips') return 'points';
  const v = n.v;
  switch (kind) {
    case 'bond':
    case 'ncd':
      if (priceWord && !yieldWord) return 'price';
      return v > 30 && v < 200 ? 'price' : 'yield';
    case 'repo':
    case 'lending':
    case 'irs':
      return 'rate';
    case 'fx_spot':
      return v > 3 && v < 12 ? 'outright' : 'points';
    case 'fx_forward':
    case 'fx_swap':
      return v > 3 && v < 12 && n.dp >= 2 ? 'outright' : 'points';
    default:
      if (priceWord) return 'price';
      if (n.unit === 'pct') return null;
      if (v >= 60 && v <= 150) return 'price';
      if (v > 5.5 && v < 8.5 && n.dp >= 3) return 'outright';
      if (v < 0) return 'points';
      return null;
  }
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dateTokenIso(t: Extract<Token, { t: 'date' }>, opts: ParseOptions): string | null {
  let year = t.year;
  if (year === null && opts.tradeDate) {
    const [ty, tm] = opts.tradeDate.split('-').map(Number);
    if (ty === undefined || tm === undefined) return null;
    // `29-Dec` said in January means last December only if… no: dates in chat look forward.
    year = t.month < tm ? ty + 1 : ty;
  }
  return year === null ? null : isoDate(year, t.month, t.day);
}

function maturityDate(tokens: Token[], opts: ParseOptions): string | null {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t?.t !== 'date') continue;
    const prev = tokens[k - 1];
    if (prev?.t === 'tag' && prev.tag.k === 'maturity') return dateTokenIso(t, opts);
  }
  return null;
}

/**
 * `+0`/`T+1` → `T+n`; `明天+0` → `T+1` (next business day, speed 0); `spot`/`即期` → `T+2`;
 * a weekday (`周一+1`) or a value date needs `tradeDate` to become a date, else it is unparsed.
 */
function settlement(tokens: Token[], kind: InstrumentKind | null, opts: ParseOptions, unparsed: string[], used: Set<Token>): string | null {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t) continue;
    const prev = tokens[k - 1];
    if (t.t === 'settle') {
      used.add(t);
      if (prev?.t === 'tag' && prev.tag.k === 'day') return `T+${t.n + prev.tag.offset}`;
      if (prev?.t === 'tag' && prev.tag.k === 'weekday') {
        const d = weekdayDate(prev.tag.v, opts.tradeDate);
        if (!d) {
          unparsed.push(prev.raw + t.raw);
          return null;
        }
        return t.n === 0 ? d : `${d}+${t.n}`;
      }
      return `T+${t.n}`;
    }
    if (t.t === 'date') {
      const role = prev?.t === 'tag' ? prev.tag.k : null;
      if (role === 'maturity') continue;
      if (role === 'value' || role === 'effective' || kind === 'irs' || kind === 'bond' || kind === 'fx_forward') {
        const iso = dateTokenIso(t, opts);
        if (!iso) {
          unparsed.push(t.raw);
          continue;
        }
        if (kind === 'fx_forward' && role !== 'value') continue;
        return iso;
      }
      unparsed.push(t.raw);
    }
  }
  const fx = tokens.find((t) => t.t === 'tag' && t.tag.k === 'fx' && t.tag.v === 'spot');
  if (fx && (kind === 'fx_spot' || kind === null)) return 'T+2';
  const day = tokens.find((t) => t.t === 'tag' && t.tag.k === 'day');
  if (day && day.t === 'tag' && day.tag.k === 'day' && kind !== null) return `T+${day.tag.offset}`;
  return null;
}

function weekdayDate(weekday: number, tradeDate: string | undefined): string | null {
  if (!tradeDate || !/^\d{4}-\d{2}-\d{2}$/.test(tradeDate)) return null;
  const d = new Date(`${tradeDate}T00:00:00Z`);
  const dow = d.getUTCDay() || 7;
  const ahead = ((weekday - dow + 7) % 7) || 7;
  d.setUTCDate(d.getUTCDate() + ahead);
  return d.toISOString().slice(0, 10);
}

export type { CatalogBond };
