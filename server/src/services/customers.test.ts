import { identityKey } from "@front-agent/shared";
import { describe, expect, test } from "vitest";
import { customerInput, forEachDatabase, link, useTempStorage } from "../storage/testing.ts";
import { createCustomer, linkedCustomerUrl } from "./customers.ts";
import { Refused } from "./exports/refused.ts";
import { SettingsNotFoundError, storedSettings } from "./settings.ts";
import { storeTemplateSettings } from "./testing.ts";

const NOW = new Date("2026-11-24T09:30:00Z");

forEachDatabase((database) => {
  const t = useTempStorage(database, ["t1"]);
  const deps = () => ({ storage: t.storage, now: () => NOW });

  describe("createCustomer (POST /v1/customers)", () => {
    test.each([
      ["I4: both kept", "佐藤 花子", "株式会社サンプル", "佐藤 花子", "株式会社サンプル"],
      ["I2: the name stands in for a missing company", "佐藤 花子", "", "佐藤 花子", "佐藤 花子"],
      [
        "I3: the company stands in for a missing name",
        "",
        "株式会社サンプル",
        "株式会社サンプル",
        "株式会社サンプル",
      ],
    ])("%s", async (_rule, name, company, storedName, storedCompany) => {
      const body = { name, company, department: "", email: "", phone: "", address: "" };
      const created = await createCustomer(deps(), "t1", body);
      expect(await t.storage.customers.get("t1", created.id)).toMatchObject({
        name: storedName,
        company: storedCompany,
        kintone: null,
        identityKey: identityKey(storedName, storedCompany),
      });
    });
  });

  describe("linkedCustomerUrl (the record page's button, SPEC B1)", () => {
    const saveSettings = () => storeTemplateSettings(t.storage, "t1", NOW);

    test("before the settings are saved: SettingsNotFoundError (404 SETTINGS_NOT_FOUND)", async () => {
      await expect(linkedCustomerUrl(t.storage, "t1", "7")).rejects.toBeInstanceOf(SettingsNotFoundError);
    });

    test("a record no customer is linked to: CUSTOMER_NOT_LINKED (404), also one of another app", async () => {
      await saveSettings();
      await t.storage.customers.create(customerInput("t1", 1, { kintone: link("8", "99") }));
      for (const recordId of ["7", "8"]) {
        const refused = await linkedCustomerUrl(t.storage, "t1", recordId).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(Refused);
        expect(refused).toMatchObject({ code: "CUSTOMER_NOT_LINKED" });
      }
    });

    test("the linked customer's page under the settings' Front Agent address", async () => {
      await saveSettings();
      const customer = await t.storage.customers.create(customerInput("t1", 1, { kintone: link("7") }));
      const settings = await storedSettings(t.storage, "t1");
      expect(await linkedCustomerUrl(t.storage, "t1", "7")).toBe(
        `${settings?.frontAgent.baseUrl}/customers/${encodeURIComponent(customer.id)}`,
      );
    });
  });
});
