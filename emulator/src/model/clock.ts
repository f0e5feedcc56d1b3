/**
 * The emulator's clock. Real time by default; tests pin it or move it to reproduce minute-precision
 * edge cases (two updates in the same minute as a sync watermark).
 */
export class Clock {
  private fixed: number | null = null;
  private offsetMs = 0;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.fixed ?? Date.now() + this.offsetMs;
  }

  /** Pins the time (null returns to real time, keeping any offset). */
  set(at: Date | null): void {
    this.fixed = at === null ? null : at.getTime();
  }

  advance(ms: number): void {
    if (this.fixed !== null) this.fixed += ms;
    else this.offsetMs += ms;
  }

  reset(): void {
    this.fixed = null;
    this.offsetMs = 0;
  }
}

/** kintone keeps CREATED_TIME/UPDATED_TIME to the minute: seconds are always `00` (facts §2). */
export function toMinuteIso(ms: number): string {
  const d = new Date(ms - (((ms % 60_000) + 60_000) % 60_000));
  return `${d.toISOString().slice(0, 16)}:00Z`;
}
