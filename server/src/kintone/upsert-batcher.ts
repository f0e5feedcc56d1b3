import { WRITE_LIMIT } from "./gateway.ts";

export interface UpsertItem {
  key: { field: string; value: string };
  record: Record<string, { value: unknown }>;
}

export interface Upserted {
  id: string;
  operation: "INSERT" | "UPDATE";
}

interface Waiting extends UpsertItem {
  resolve(result: Upserted): void;
  reject(error: unknown): void;
}

export interface UpsertSender {
  /** One PUT records.json with `upsert` for these items, answered in their order. */
  many(appId: string, tokenApps: string[], items: UpsertItem[]): Promise<Upserted[]>;
  one(appId: string, tokenApps: string[], item: UpsertItem): Promise<Upserted>;
  /** Whether a failed request may have been refused because of a single record (worth trying apart). */
  perRecord(error: unknown): boolean;
}

/**
 * Upserts asked for in the same turn of the event loop, to the same app with the same tokens, go to kintone
 * as one request of up to 100 records: a burst of exports costs one request of the app's daily budget per
 * hundred instead of one each. kintone applies a bulk write all or nothing, so when it refuses one for a
 * record's sake, each upsert is sent again alone and only the faulty one fails.
 */
export class UpsertBatcher {
  private readonly groups = new Map<string, { appId: string; tokenApps: string[]; items: Waiting[] }>();
  private scheduled = false;

  constructor(private readonly sender: UpsertSender) {}

  upsert(appId: string, tokenApps: string[], item: UpsertItem): Promise<Upserted> {
    return new Promise((resolve, reject) => {
      const groupKey = `${appId}\n${tokenApps.join(",")}`;
      let group = this.groups.get(groupKey);
      if (!group) {
        group = { appId, tokenApps, items: [] };
        this.groups.set(groupKey, group);
      }
      group.items.push({ ...item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.groups.values()];
    this.groups.clear();
    for (const group of groups) {
      // One request after the other within a group: a key repeated in a later chunk must not race the first.
      void (async () => {
        for (const chunk of chunks(group.items)) await this.send(group.appId, group.tokenApps, chunk);
      })();
    }
  }

  private async send(appId: string, tokenApps: string[], items: Waiting[]): Promise<void> {
    if (items.length === 1) {
      const [item] = items as [Waiting];
      await this.sender.one(appId, tokenApps, item).then(item.resolve, item.reject);
      return;
    }
    try {
      const results = await this.sender.many(appId, tokenApps, items);
      items.forEach((item, i) => {
        const result = results[i];
        if (result) item.resolve(result);
        else item.reject(new Error("kintone answered a bulk upsert with fewer records than sent"));
      });
    } catch (error) {
      if (!this.sender.perRecord(error)) {
        for (const item of items) item.reject(error);
        return;
      }
      await Promise.all(
        items.map((item) => this.sender.one(appId, tokenApps, item).then(item.resolve, item.reject)),
      );
    }
  }
}

/**
 * Up to WRITE_LIMIT items per request, and never two with the same key in one request (what kintone does
 * then is undocumented): a repeated key waits for the next request.
 */
function chunks(items: Waiting[]): Waiting[][] {
  const out: Waiting[][] = [];
  let rest = items;
  while (rest.length > 0) {
    const chunk: Waiting[] = [];
    const later: Waiting[] = [];
    const keys = new Set<string>();
    for (const item of rest) {
      const key = `${item.key.field}\n${item.key.value}`;
      if (chunk.length < WRITE_LIMIT && !keys.has(key)) {
        keys.add(key);
        chunk.push(item);
      } else {
        later.push(item);
      }
    }
    out.push(chunk);
    rest = later;
  }
  return out;
}
