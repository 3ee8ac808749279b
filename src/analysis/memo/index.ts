export { buildLoanMemo, type LoanMemo, type MemoOptions } from './loan-memo.js';
export { conclude, DECISION_TEXT, type Conclusion, type Decision } from './conclusion.js';
export { validateMemoNumbers, collectNumbers, type NumberCheck, type UnsupportedNumber } from './validate-numbers.js';
export { FIGURE_META, ITEM_LABELS, labelOf, formatFigure, formatValue, describeNote, caveatOf, amount, fixed, type Lang, type Display } from './figure-format.js';
export { altmanGap } from './loan-memo.js';
