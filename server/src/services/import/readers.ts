import { quote, seekQuery, topQuery } from "@front-agent/shared";
import { type KintoneGateway, type KintoneRecordJson, READ_LIMIT } from "../../kintone/gateway.ts";
import { afterOpening, STRIPES, type Stripe } from "./stripes.ts";

export interface Page {
  records: KintoneRecordJson[];
  /** Which stripe it came from and the stripe's resume point once this page is applied. */
  stripe: number | null;
  after: number | null;
}

/** What a striped read reads: the app, the records' condition (all when none), the stripes, the fields. */
export interface StripedRead {
  appId: string;
  condition?: string | undefined;
  stripes: Stripe[];
  /** Only these fields (kintone sends every field when left out). */
  fields?: string[] | undefined;
}

/**
 * Reads every record matching `condition` by `$id` seek, the stripes side by side. Pages are handed to
 * `onPage` one at a time and in each stripe's order, so applying them (a database write) never runs
 * concurrently and a stripe's resume point only moves past applied records.
 * Requests: ceil(records/500) plus at most one short page per stripe.
 */
export function readStripes(
  gateway: KintoneGateway,
  read: StripedRead,
  onPage: (page: Page) => Promise<void>,
): Promise<void> {
  return readStripesGrouped(gateway, read, async (pages) => {
    for (const page of pages) await onPage(page);
  });
}

/** What the opening read: its pages (each record once) and what is left between them. */
export interface Opening {
  pages: Page[];
  stripes: Stripe[];
  /** At most how many records match the condition (exact when nothing is left between the pages). */
  most: number;
}

/**
 * The first page from each end of the app, side by side: the lowest ids matching the condition and the
 * highest. They need no id bounds, so a read opens with pages instead of a round trip for the bounds
 * (issue 16), and the bounds of what is left between them are the pages' own last ids. An app of at most
 * two pages is read by them alone.
 */
export async function readOpening(
  gateway: KintoneGateway,
  { appId, condition, fields }: Omit<StripedRead, "stripes">,
  stripes: number = STRIPES,
): Promise<Opening> {
  const [bottom, top] = await Promise.all([
    gateway.records(appId, seekQuery({ condition, afterId: 0, limit: READ_LIMIT }), fields),
    gateway.records(appId, topQuery({ condition, limit: READ_LIMIT }), fields),
  ]);
  const rest = afterOpening(bottom.map(idOf), top.map(idOf), READ_LIMIT, stripes);
  const above = top.filter((record) => idOf(record) > rest.keepTopAbove).reverse();
  const pages = [bottom, above]
    .filter((records) => records.length > 0)
    .map((records): Page => ({ records, stripe: null, after: null }));
  return { pages, stripes: rest.stripes, most: rest.most };
}

const idOf = (record: KintoneRecordJson) => Number(record.$id?.value);

/**
 * readStripes, handing `onPages` every page that is waiting to be applied at once (at most one per
 * stripe, each stripe's in its order): an import applies them in one transaction, so pages that arrive
 * while one is being applied share a commit (issue 16). A stripe's resume point moves past a page only
 * once `onPages` has returned for it. `first` (the opening's pages) are applied first, as one group, while
 * the stripes' first requests are out.
 */
export async function readStripesGrouped(
  gateway: KintoneGateway,
  { appId, condition, stripes, fields }: StripedRead,
  onPages: (pages: Page[]) => Promise<void>,
  first: Page[] = [],
): Promise<void> {
  // The opening's pages go first, in one group; it is applied only once every stripe's first request has
  // left (or ended): a synchronous apply would otherwise hold up a request still waiting for its
  // connection (a new one, or its TLS) by as long as the apply takes (issue 16: 110 ms in a just-started
  // jobs thread). Stripe pages arriving meanwhile queue behind them, so none is committed before them.
  const left: Array<() => void> = [];
  const allLeft = Promise.all(
    stripes.map((stripe, index) =>
      stripe.done ? undefined : new Promise<void>((resolve) => (left[index] = resolve)),
    ),
  );
  const apply = groupedApplier(
    onPages,
    (page) => {
      const stripe = page.stripe === null ? undefined : stripes[page.stripe];
      if (stripe && page.after !== null) stripe.after = page.after;
    },
    first.length > 0 ? allLeft : undefined,
  );
  const opened = Promise.all(first.map((page) => apply(page)));
  opened.catch(() => {});
  await Promise.all([
    opened,
    ...stripes.map(async (stripe, index) => {
      let after = stripe.after;
      let previous: Promise<void> = Promise.resolve();
      while (!stripe.done) {
        const bounded = `$id <= ${stripe.to}${condition ? ` and (${condition})` : ""}`;
        // The next page's query needs only the last id of this one, so it is fetched while this page
        // waits to be applied: at most one page per stripe waits in memory, one is in flight.
        const records = await gateway.records(
          appId,
          seekQuery({ condition: bounded, afterId: after, limit: READ_LIMIT }),
          fields,
          left[index],
        );
        const last = records.at(-1)?.$id?.value;
        after = last === undefined ? stripe.to : Number(last);
        const done = records.length < READ_LIMIT || after >= stripe.to;
        await previous;
        previous = apply({ records, stripe: index, after });
        // Seen here too: a stripe whose next read fails never awaits it, and a group's failure must not
        // then be an unhandled rejection (the read's own error is the one reported).
        previous.catch(() => {});
        if (done) {
          await previous;
          stripe.done = true;
        }
      }
    }),
  ]);
}

/**
 * Every record matching `condition`, handed to `onPage` one page at a time: the opening (the first page
 * from each end), then the stripes between its pages. `opened` when the caller read the opening already.
 * Reading the id bounds first instead costs a round trip more (two requests for no record).
 */
export async function readWhole(
  gateway: KintoneGateway,
  read: Omit<StripedRead, "stripes">,
  onPage: (page: Page) => Promise<void>,
  opened?: Opening,
): Promise<void> {
  const opening = opened ?? (await readOpening(gateway, read));
  await readStripesGrouped(
    gateway,
    { ...read, stripes: opening.stripes },
    async (pages) => {
      for (const page of pages) await onPage(page);
    },
    opening.pages,
  );
}

/**
 * Applies pages one group at a time: a page queued while a group is being applied waits for the next
 * group, which takes every page waiting then. Each page's promise settles when its group has been applied
 * (after `applied` has seen it); once a group fails, it and every later page fail with its error.
 */
export function groupedApplier(
  onPages: (pages: Page[]) => Promise<void>,
  applied: (page: Page) => void = () => {},
  /** No group before this has settled. */
  ready?: Promise<unknown>,
): (page: Page) => Promise<void> {
  const waiting: Array<{ page: Page; done: () => void; failed: (error: unknown) => void }> = [];
  let running = false;
  let failure: { error: unknown } | null = null;
  const drain = async () => {
    await ready;
    while (waiting.length > 0) {
      // A group is a run of synchronous database work that holds up this thread's event loop: before
      // each, the loop gets a turn, so that the next pages' requests (issued as each page came in) go out
      // and answers that arrived meanwhile join this group, instead of both waiting for it to end.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const group = waiting.splice(0);
      try {
        if (failure) throw failure.error;
        await onPages(group.map((w) => w.page));
        for (const w of group) applied(w.page);
        for (const w of group) w.done();
      } catch (error) {
        failure ??= { error };
        for (const w of group) w.failed(failure.error);
      }
    }
    running = false;
  };
  return (page) =>
    new Promise<void>((done, failed) => {
      waiting.push({ page, done, failed });
      if (!running) {
        running = true;
        void drain();
      }
    });
}

/** kintone refuses `offset` above 10,000 (GAIA_QU02). */
export const MAX_OFFSET = 10_000;

/** A read of the `cap` most recently updated records matching `condition` (SPEC I9), newest first. */
export interface MostRecent {
  appId: string;
  condition: string;
  /** The app's update-time field, which orders the read. */
  updatedField: string;
  cap: number;
  /** The fields to read; every field when absent. */
  fields?: string[];
}

/** Newest first; `$id` breaks ties, so pages read by offset neither skip nor repeat a record. */
const newestFirst = (read: MostRecent) => `${read.condition} order by ${read.updatedField} desc, $id desc`;

/**
 * Pages ordered by update time with offsets, fetched side by side (offsets are known up front). Only for
 * caps kintone's offset limit allows.
 */
export async function readMostRecentByOffset(
  gateway: KintoneGateway,
  read: MostRecent,
  onPage: (page: Page) => Promise<void>,
): Promise<void> {
  const { cap } = read;
  const pages: Array<{ offset: number; limit: number }> = [];
  for (let offset = 0; offset < cap; offset += READ_LIMIT)
    pages.push({ offset, limit: Math.min(READ_LIMIT, cap - offset) });
  if ((pages.at(-1)?.offset ?? 0) > MAX_OFFSET)
    throw new Error(`cap ${cap} needs offsets above ${MAX_OFFSET}: use a cursor`);
  let applying: Promise<void> = Promise.resolve();
  let exhausted = false;
  // Four lanes: lane k reads pages k, k+4, k+8, … and stops once a page comes back short.
  await Promise.all(
    [0, 1, 2, 3].map(async (lane) => {
      for (let i = lane; i < pages.length && !exhausted; i += 4) {
        const p = pages[i] as { offset: number; limit: number };
        const query = `${newestFirst(read)} limit ${p.limit} offset ${p.offset}`;
        const records = await gateway.records(read.appId, query, read.fields);
        if (records.length < p.limit) exhausted = true;
        applying = applying.then(() => onPage({ records, stripe: null, after: null }));
        await applying;
      }
    }),
  );
}

/** The same for a cap beyond the offset limit: one cursor, read page after page, always closed. */
export async function readMostRecentByCursor(
  gateway: KintoneGateway,
  read: MostRecent,
  onPage: (page: Page) => Promise<void>,
): Promise<void> {
  const { appId, cap } = read;
  const cursor = await gateway.openCursor(appId, newestFirst(read), read.fields);
  let taken = 0;
  let open = true;
  try {
    while (open && taken < cap) {
      const page = await gateway.readCursor(appId, cursor);
      // kintone deletes a cursor read to its end by itself.
      open = page.next;
      const records = page.records.slice(0, cap - taken);
      taken += records.length;
      await onPage({ records, stripe: null, after: null });
    }
  } finally {
    // A cursor left open holds one of the domain's 10 slots for 10 minutes.
    if (open) await gateway.closeCursor(appId, cursor).catch(() => {});
  }
}

export { quote };

/**
 * The most recent records: by offset while kintone's offset limit allows (side by side), by a cursor
 * beyond it. The first import and its preview read the same way.
 */
export function readMostRecent(
  gateway: KintoneGateway,
  read: MostRecent,
  onPage: (page: Page) => Promise<void>,
): Promise<void> {
  return read.cap <= MAX_OFFSET + READ_LIMIT
    ? readMostRecentByOffset(gateway, read, onPage)
    : readMostRecentByCursor(gateway, read, onPage);
}
