import { WRITE_LIMIT } from "./gateway.ts";

/** One write asked for, waiting for its group's request to answer it. */
interface PendingWrite<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface WriteSender<I, R> {
  /** One bulk request for these items, answered in their order. */
  many(appId: string, tokenApps: string[], items: I[]): Promise<R[]>;
  one(appId: string, tokenApps: string[], item: I): Promise<R>;
  /** Whether a failed request may have been refused because of a single record (worth trying apart). */
  perRecord(error: unknown): boolean;
}

/**
 * Writes asked for in the same turn of the event loop, to the same app with the same tokens, go to kintone
 * as one request of up to 100 records: a burst of exports costs one request of the app's daily budget per
 * hundred instead of one each. kintone applies a bulk write all or nothing, so when it refuses one for a
 * record's sake (a validation error, a lookup that finds nothing, a duplicate event id), each write is sent
 * again alone and only the faulty one fails. Any other failure fails them all: nothing was written, and the
 * callers decide whether to try again.
 */
export class WriteBatcher<I, R> {
  private readonly groups = new Map<
    string,
    { appId: string; tokenApps: string[]; items: PendingWrite<I, R>[] }
  >();
  private scheduled = false;

  constructor(private readonly sender: WriteSender<I, R>) {}

  write(appId: string, tokenApps: string[], item: I): Promise<R> {
    return new Promise((resolve, reject) => {
      const groupKey = `${appId}\n${tokenApps.join(",")}`;
      let group = this.groups.get(groupKey);
      if (!group) {
        group = { appId, tokenApps, items: [] };
        this.groups.set(groupKey, group);
      }
      group.items.push({ item, resolve, reject });
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
      void (async () => {
        for (let i = 0; i < group.items.length; i += WRITE_LIMIT)
          await this.send(group.appId, group.tokenApps, group.items.slice(i, i + WRITE_LIMIT));
      })();
    }
  }

  private async send(appId: string, tokenApps: string[], items: PendingWrite<I, R>[]): Promise<void> {
    if (items.length === 1) {
      const [only] = items as [PendingWrite<I, R>];
      await this.sender.one(appId, tokenApps, only.item).then(only.resolve, only.reject);
      return;
    }
    try {
      const results = await this.sender.many(
        appId,
        tokenApps,
        items.map((w) => w.item),
      );
      items.forEach((waiting, i) => {
        const result = results[i];
        if (result !== undefined) waiting.resolve(result);
        else waiting.reject(new Error("kintone answered a bulk write with fewer records than sent"));
      });
    } catch (error) {
      if (!this.sender.perRecord(error)) {
        for (const waiting of items) waiting.reject(error);
        return;
      }
      await Promise.all(
        items.map((w) => this.sender.one(appId, tokenApps, w.item).then(w.resolve, w.reject)),
      );
    }
  }
}
