import { describe, expect, test } from "vitest";
import { STORAGE_KINDS, useTempStorage } from "./testing.ts";

describe.each(STORAGE_KINDS)("on %s", (kind) => {
  const t = useTempStorage(kind, ["t1", "t2"]);

  describe("settings", () => {
    test("null before the first save", async () => {
      expect(await t.storage.settings.get("t1")).toBeNull();
    });

    test("put inserts, a second put replaces, and each tenant keeps its own", async () => {
      const body = {
        customerApp: { appId: "14", fields: { name: "顧客名" } },
        options: { autoRegister: true },
      };
      await t.storage.settings.put("t1", {
        body,
        customerTokenEnc: "enc-c1",
        activityTokenEnc: "enc-a1",
        importKey: "k1",
        savedAt: "2026-01-01T00:00:00Z",
      });
      expect(await t.storage.settings.get("t1")).toEqual({
        body,
        customerTokenEnc: "enc-c1",
        activityTokenEnc: "enc-a1",
        importKey: "k1",
        savedAt: "2026-01-01T00:00:00.000Z",
      });

      await t.storage.settings.put("t1", {
        body: { changed: true },
        customerTokenEnc: "enc-c2",
        activityTokenEnc: null,
        importKey: "k2",
        savedAt: "2026-01-02T00:00:00.000Z",
      });
      expect(await t.storage.settings.get("t1")).toEqual({
        body: { changed: true },
        customerTokenEnc: "enc-c2",
        activityTokenEnc: null,
        importKey: "k2",
        savedAt: "2026-01-02T00:00:00.000Z",
      });
      expect(await t.storage.settings.get("t2")).toBeNull();
    });
  });
});
