import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  type SqliteStatement,
} from "kysely";
import { prepareDataDir } from "./data-dir.ts";
import { asCorrupt, checkIntegrity, prepareDatabaseFile } from "./database-file.ts";
import type { Database } from "./schema.ts";

/** The embedded database's file name inside DATA_DIR. */
export const SQLITE_FILE_NAME = "front-agent.sqlite";

/**
 * Opens (creating if needed) the SQLite file under `dataDir`. WAL so readers (health checks, status pages)
 * never wait for the import's writes; foreign keys are off by default in SQLite and must be turned on per
 * connection.
 */
export function openSqliteFile(dataDir: string): BetterSqlite3.Database {
  prepareDataDir(dataDir);
  const path = join(dataDir, SQLITE_FILE_NAME);
  prepareDatabaseFile(path);
  const db = new BetterSqlite3(path);
  try {
    // 8 KiB pages for a new file (SQLite's default is 4 KiB); a file that has pages keeps its size (it
    // changes only by a VACUUM, which WAL mode refuses). The storage work of a first import of 100,000
    // records (server/bench/storage-import.bench.ts, 4 pages a transaction, alternating runs): 2.32 s and
    // 2.37 s at 4 KiB, 1.89 s and 1.98 s at 8 KiB (16 KiB: 1.95 s); the file 72 MB → 48 MB. Setting it
    // reads nothing: the next statement is still the first to read the file.
    db.pragma("page_size = 8192");
    // The first statement to read the file: where a file that is not a database at all is found.
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // WAL + NORMAL: a commit survives the process being killed (what the resume logic relies on) and the
    // file never corrupts; only an OS crash or power loss can lose the last commits. FULL would fsync every
    // commit — one per 500 imported records — and double the import's time. (Rails 8's SQLite default too.)
    db.pragma("synchronous = NORMAL");
    // 4 MiB of page cache per connection (the default is 2 MiB). Issue 16 measured where the backend's
    // peak RSS grows from a first import of 10,000 records to one of 100,000 (bundled, jobs thread,
    // three runs each): the JS heaps do not (heap used after GC, large objects and external memory were
    // the same; old space +3 MB), nor the pages held by the readers (capping them at 2 changed nothing),
    // nor malloc's arenas (MALLOC_ARENA_MAX=2, a fixed mmap threshold: no change). The page caches did:
    // the database is 8.4 MB at 10,000 records and 84 MB at 100,000, so a cache of 8 MiB was still
    // filling past 10,000. Peak growth 10k → 100k: +16 MB at 8 MiB, +8 MB at 4 MiB, +4–17 at 1 MiB; the
    // 100,000 import took 7.0 s, 7.2 s and 7.8 s (the candidate index's random-order keys are what
    // the cache serves most). Since migration 0013 those keys are 32-bit hashes, ~1.4 MB per index at
    // 100,000 records, and the working set fits: 16 MiB made the storage micro-benchmark
    // (server/bench/storage-import.bench.ts) no faster than 4 MiB.
    db.pragma("cache_size = -4096");
    // A checkpoint every 10,000 WAL pages (40 MB) instead of SQLite's 1,000. An import commits every 500
    // records, and the pages of its random-order indexes are written to the WAL again by nearly every
    // commit; a checkpoint copies each page once however often it changed since the last one, so rarer
    // checkpoints copy (and fsync) far less. First import of 100,000 records (bundled, 3 runs each):
    // 6.8 s at 1,000, 6.1 s at 4,000, 5.8 s at 10,000, 5.5 s at 25,000; peak RSS the same (the WAL index
    // grows by 32 KB per 4,096 pages). The WAL file keeps its largest size on disk, 40 MB at most.
    // Checkpoints stay passive: they never wait for readers or block a writer.
    db.pragma("wal_autocheckpoint = 10000");
    checkIntegrity(db, path);
  } catch (error) {
    db.close();
    throw asCorrupt(error, path) ?? error;
  }
  return db;
}

/** A kysely instance over the SQLite file; the query code above it is dialect-neutral. */
export function openSqliteKysely(dataDir: string): Kysely<Database> {
  const file = openSqliteFile(dataDir);
  // Waiting for another connection's write lock is done by BusyRetryingConnection, asynchronously;
  // SQLite's own busy handler would sleep inside the synchronous call, holding up the whole event loop.
  file.pragma("busy_timeout = 0");
  const database = withStatementCache(file);
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
}

/**
 * Transactions start with BEGIN IMMEDIATE instead of kysely's plain BEGIN. A deferred transaction that
 * reads and then writes cannot upgrade its lock once another connection (a CLI, a second process) has
 * written, and SQLite fails it at once with "database is locked" instead of waiting; taking the write lock
 * up front makes it wait its turn (busy timeout). Every transaction here writes, so nothing is lost.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  #connection: DatabaseConnection | undefined;

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.#connection ??= busyRetrying(await super.acquireConnection());
    return this.#connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** How long a statement waits for another connection's write lock before it fails (SQLite's default). */
const BUSY_WAIT_MS = 5_000;

/**
 * Issue 14: with the jobs in a worker thread, two connections write to the file. A statement that finds
 * the write lock taken (SQLITE_BUSY: it did nothing) is tried again after a short asynchronous wait, so
 * the thread that accepts events keeps answering meanwhile. SQLite's own busy handler slept inside the
 * call in growing steps (to 100 ms): the HTTP thread was blocked 4.9 s in a 5 s benchmark window for
 * locks held 0.3 ms (p50) by the jobs thread.
 */
function busyRetrying(connection: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery(query) {
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        try {
          return await connection.executeQuery(query);
        } catch (error) {
          const busy = (error as { code?: string }).code === "SQLITE_BUSY";
          if (!busy || Date.now() - started > BUSY_WAIT_MS) throw error;
          // The holder's transactions last well under a millisecond mostly: look again soon, then less often.
          await new Promise((resolve) => setTimeout(resolve, Math.min(1 + attempt, 10)));
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

/**
 * Compiled statements kept by SQL text, least recently used out, bounded by count and by the length of
 * their SQL. A count alone bounds nothing: a prepared 500-row insert of 17 columns holds ~0.8 MB of
 * SQLite's memory (its SQL ~28,000 characters, ~30 bytes a character), and an import meets one shape per
 * row count — a page with 487 new customers after one with 490 — so 256 of them could hold 200 MB,
 * growing with the number of pages read. Within the text budget the import's few hot shapes stay
 * compiled and an odd one pushes out the oldest.
 */
export class StatementCache<S> {
  private readonly entries = new Map<string, S>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  /** The statement compiled for `sql`, now the most recently used. */
  get(sql: string): S | undefined {
    const statement = this.entries.get(sql);
    if (statement !== undefined) {
      this.entries.delete(sql);
      this.entries.set(sql, statement);
    }
    return statement;
  }

  /** Keeps `statement` unless its SQL alone is over the budget; evicts the least recently used to fit. */
  set(sql: string, statement: S): void {
    if (sql.length > this.maxChars || this.entries.has(sql)) return;
    this.entries.set(sql, statement);
    this.chars += sql.length;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalChars(): number {
    return this.chars;
  }
}

const STATEMENT_CACHE_SIZE = 256;
/** ~8 MB of compiled statements at most: the import's hot shapes take ~50,000 characters a page. */
const STATEMENT_CACHE_CHARS = 256 * 1024;

/**
 * kysely's SQLite driver calls `prepare()` for every query. The import runs the same few statements
 * hundreds of times per batch, so compiled statements are kept by SQL text (StatementCache). A statement
 * still being iterated (kysely's `stream()`) is busy and cannot be reused, so a fresh one is prepared for
 * that call.
 */
function withStatementCache(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new StatementCache<BetterSqlite3.Statement>(STATEMENT_CACHE_SIZE, STATEMENT_CACHE_CHARS);
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare: (query: string): SqliteStatement => {
      const cached = cache.get(query);
      if (cached !== undefined && !cached.busy) return cached;
      const statement = db.prepare(query);
      if (cached === undefined) cache.set(query, statement);
      return statement;
    },
  };
}
