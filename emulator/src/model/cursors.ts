import { randomUUID } from "node:crypto";
import { kintoneErrors } from "../errors/catalogue.ts";
import type { Clock } from "./clock.ts";

export interface Cursor {
  id: string;
  appId: number;
  /** The record set is fixed when the cursor is made; values are read at each GET (facts §1.3). */
  ids: number[];
  position: number;
  size: number;
  fields: string[] | null;
  expiresAt: number;
}

/** A cursor lives 10 minutes after creation or its last read (facts §1.3). */
export const CURSOR_LIFETIME_MS = 10 * 60_000;

/** The domain's cursors: at most `limit` live at once, shared by every user and tool (facts §1.3). */
export class CursorStore {
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly clock: Clock) {}

  create(input: Omit<Cursor, "id" | "position" | "expiresAt">, limit: number): Cursor {
    this.purgeExpired();
    if (this.cursors.size >= limit) throw kintoneErrors.cursorLimit();
    const cursor: Cursor = {
      ...input,
      id: randomUUID(),
      position: 0,
      expiresAt: this.clock.nowMs() + CURSOR_LIFETIME_MS,
    };
    this.cursors.set(cursor.id, cursor);
    return cursor;
  }

  /** The next page of ids; a fully read cursor is deleted at once, freeing its slot. */
  next(id: string): { cursor: Cursor; ids: number[]; next: boolean } {
    const cursor = this.live(id);
    const ids = cursor.ids.slice(cursor.position, cursor.position + cursor.size);
    cursor.position += ids.length;
    const next = cursor.position < cursor.ids.length;
    if (next) cursor.expiresAt = this.clock.nowMs() + CURSOR_LIFETIME_MS;
    else this.cursors.delete(id);
    return { cursor, ids, next };
  }

  peek(id: string): Cursor {
    return this.live(id);
  }

  delete(id: string): void {
    this.live(id);
    this.cursors.delete(id);
  }

  get count(): number {
    this.purgeExpired();
    return this.cursors.size;
  }

  clear(): void {
    this.cursors.clear();
  }

  private live(id: string): Cursor {
    this.purgeExpired();
    const cursor = this.cursors.get(id);
    if (!cursor) throw kintoneErrors.cursorNotFound();
    return cursor;
  }

  private purgeExpired(): void {
    const now = this.clock.nowMs();
    for (const [id, c] of this.cursors) if (c.expiresAt <= now) this.cursors.delete(id);
  }
}
