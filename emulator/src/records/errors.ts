import type { Bilingual } from "../errors/kintone-error.ts";

/** Collects kintone's `errors` entries for one request; keys are kintone's (`records[3].顧客名.value`). */
export class ErrorCollector {
  readonly entries: Record<string, Bilingual[]> = {};

  add(key: string, message: Bilingual): void {
    const list = this.entries[key] ?? [];
    list.push(message);
    this.entries[key] = list;
  }

  get empty(): boolean {
    return Object.keys(this.entries).length === 0;
  }
}
