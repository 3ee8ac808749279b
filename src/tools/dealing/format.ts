/** Number, size and time formatting shared by the reply wording (formatting only: no pricing). */
import type { Lang } from '../../runtime/planner.js';

export function fmtLevel(x: number | null, levelType: string): string {
  if (x === null) return '—';
  if (levelType === 'points') return String(Math.round(x * 100) / 100);
  return x.toFixed(4);
}

function trimNum(x: number): string {
  return String(Math.round(x * 10_000) / 10_000);
}

export function fmtNotional(n: number, currency: string, lang: Lang): string {
  if (lang === 'zh') {
    const ccy = currency === 'CNY' ? '' : currency === 'USD' ? '美元' : ` ${currency}`;
    if (n >= 1e8) return `${trimNum(n / 1e8)}亿${ccy}`;
    if (n >= 1e4) return `${trimNum(n / 1e4)}万${ccy}`;
    return `${n}${ccy}`;
  }
  if (n >= 1e9) return `${currency} ${trimNum(n / 1e9)}bn`;
  if (n >= 1e6) return `${currency} ${trimNum(n / 1e6)}mm`;
  return `${currency} ${n}`;
}

export function fmtMoney(x: number | null): string {
  if (x === null) return '—';
  return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** ISO instant → Asia/Shanghai wall-clock time (the desk's time zone). */
export function shanghaiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 19);
}
