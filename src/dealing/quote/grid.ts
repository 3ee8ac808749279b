/** Rounding quotes on the market grid, always away from mid (the dealer never rounds in the client's favour). */

export function roundToGrid(x: number, grid: number, dir: 'up' | 'down'): number {
  const q = x / grid;
  // The epsilon keeps exact grid points (1.8400 / 0.0025) from being pushed a tick away by float noise.
  const n = dir === 'up' ? Math.ceil(q - 1e-9) : Math.floor(q + 1e-9);
  return +(n * grid).toFixed(10);
}

/** Decimals needed to show a grid step (0.0025 → 4, 0.1 → 1, 1 → 0). */
export function gridDecimals(grid: number): number {
  for (let d = 0; d <= 10; d++) if (Math.abs(Math.round(grid * 10 ** d) - grid * 10 ** d) < 1e-9) return d;
  return 10;
}
