import { describe, expect, test } from "vitest";
import { forEachDatabase, useTempStorage } from "../../storage/testing.ts";
import { assistEvent as event } from "../testing.ts";
import { EXPORT_JOB, ExportIntake } from "./intake.ts";

const NOW = new Date("2026-11-24T09:30:00Z");

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);

  describe("ExportIntake (group commit of assist events)", () => {
    test("events arriving together are all stored with their jobs; a repeated eventId is the same export", async () => {
      let wakeUps = 0;
      const intake = new ExportIntake(
        t.storage,
        () => NOW,
        () => wakeUps++,
      );
      const results = await Promise.all([
        intake.accept("t1", event("a")),
        intake.accept("t1", event("b")),
        intake.accept("t1", event("a")),
        intake.accept("t1", event("c")),
      ]);
      expect(results.map((r) => r.created)).toEqual([true, true, false, true]);
      expect(results[2]?.export.id).toBe(results[0]?.export.id);
      expect(wakeUps).toBe(1);
      const jobs = await t.storage.jobs.pending("t1", EXPORT_JOB);
      expect(jobs.map((j) => (j.payload as { exportId: string }).exportId).sort()).toEqual(
        [results[0], results[1], results[3]].map((r) => r?.export.id).sort(),
      );
      for (const r of results)
        expect((await t.storage.exports.get("t1", r.export.id))?.status).toBe("queued");
    });

    test("one event that cannot be stored fails alone; the others in its batch are stored", async () => {
      const intake = new ExportIntake(
        t.storage,
        () => NOW,
        () => {},
      );
      // "gone" is no tenant: its row breaks the foreign key, which fails the whole batch's transaction.
      const [first, broken, last] = await Promise.allSettled([
        intake.accept("t1", event("x")),
        intake.accept("gone", event("y")),
        intake.accept("t1", event("z")),
      ]);
      expect(first.status).toBe("fulfilled");
      expect(broken.status).toBe("rejected");
      expect(last.status).toBe("fulfilled");
      expect(await t.storage.jobs.pending("t1", EXPORT_JOB)).toHaveLength(2);
    });

    test("events arriving while a batch is being stored go into the next one", async () => {
      const intake = new ExportIntake(
        t.storage,
        () => NOW,
        () => {},
      );
      const early = intake.accept("t1", event("early"));
      await new Promise((r) => setImmediate(r));
      const late = await Promise.all([
        intake.accept("t1", event("late-1")),
        intake.accept("t1", event("late-2")),
      ]);
      expect((await early).created).toBe(true);
      expect(late.map((r) => r.created)).toEqual([true, true]);
      expect(await t.storage.jobs.pending("t1", EXPORT_JOB)).toHaveLength(3);
    });
  });
});
