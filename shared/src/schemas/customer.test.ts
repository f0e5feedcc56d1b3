import { describe, expect, test } from "vitest";
import { customerCreateSchema, customerPatchSchema } from "./customer.ts";

describe("customerCreateSchema", () => {
  test.each([
    [
      "omitted fields become empty strings",
      { name: "佐藤 花子" },
      { name: "佐藤 花子", company: "", department: "", email: "", phone: "", address: "" },
    ],
    [
      "strings are trimmed",
      { name: " 佐藤 ", company: "\u3000株式会社サンプル ", email: " sato@example.com " },
      {
        name: "佐藤",
        company: "株式会社サンプル",
        department: "",
        email: "sato@example.com",
        phone: "",
        address: "",
      },
    ],
    [
      "company only is enough (I1)",
      { company: "株式会社サンプル" },
      { name: "", company: "株式会社サンプル", department: "", email: "", phone: "", address: "" },
    ],
  ])("%s", (_rule, body, expected) => {
    expect(customerCreateSchema.parse(body)).toEqual(expected);
  });

  test.each([
    ["I1: neither name nor company", { department: "営業部" }],
    ["I1: name and company blank after trimming", { name: " ", company: "\u3000" }],
    ["email without @", { name: "佐藤", email: "sato.example.com" }],
    ["email with a space", { name: "佐藤", email: "sa to@example.com" }],
    ["name over 200 characters", { name: "あ".repeat(201) }],
    ["a number for a string", { name: 12 }],
  ])("rejects %s", (_rule, body) => {
    expect(customerCreateSchema.safeParse(body).success).toBe(false);
  });
});

describe("customerPatchSchema", () => {
  test.each([
    ["only the sent fields are present", { phone: " 03-1234-5678 " }, { phone: "03-1234-5678" }],
    ["an empty patch is a no-op", {}, {}],
    ["clearing the name alone is left to the service", { name: "" }, { name: "" }],
    ["an empty email clears it", { email: "" }, { email: "" }],
  ])("%s", (_rule, body, expected) => {
    expect(customerPatchSchema.parse(body)).toEqual(expected);
  });

  test.each([
    ["I1: clearing both name and company", { name: "", company: " " }],
    ["a malformed email", { email: "nobody" }],
  ])("rejects %s", (_rule, body) => {
    expect(customerPatchSchema.safeParse(body).success).toBe(false);
  });
});
