import { startTestPostgres } from "./postgres.ts";

/**
 * vitest globalSetup of the server project: one PostgreSQL for the whole run, shared by every worker
 * through TEST_DATABASE_URL (workers and the backends tests spawn inherit it), instead of an initdb in each
 * test file's process (~0.9 s apiece). A TEST_DATABASE_URL already set is used as it is.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL) return undefined;
  const started = performance.now();
  const postgres = await startTestPostgres();
  process.env.TEST_DATABASE_URL = postgres.url;
  if (process.env.FA_TEST_TIMINGS)
    console.log(`PostgreSQL started in ${Math.round(performance.now() - started)} ms`);
  return async () => {
    delete process.env.TEST_DATABASE_URL;
    await postgres.stop();
  };
}
