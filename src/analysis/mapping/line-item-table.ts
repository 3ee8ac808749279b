import type { LineItem } from '../model.js';
import type { LineItemDef } from './line-item-def.js';
import { BALANCE_SHEET_ITEMS } from './table-balance-sheet.js';
import { CASH_FLOW_ITEMS } from './table-cash-flow.js';
import { INCOME_STATEMENT_ITEMS } from './table-income-statement.js';
import { OTHER_ITEMS } from './table-other.js';

/** The full mapping table: every canonical item the parsers recognise, with its variants. */
export const LINE_ITEM_TABLE: readonly LineItemDef[] = [...BALANCE_SHEET_ITEMS, ...INCOME_STATEMENT_ITEMS, ...CASH_FLOW_ITEMS, ...OTHER_ITEMS];

const BY_KEY = new Map<LineItem, LineItemDef>(LINE_ITEM_TABLE.map((d) => [d.key, d]));

export function lineItemDef(key: LineItem): LineItemDef | undefined {
  return BY_KEY.get(key);
}
