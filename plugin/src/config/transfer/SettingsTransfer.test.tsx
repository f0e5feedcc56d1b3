import { cleanup, fireEvent, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, test, vi } from "vitest";
import { configuredDraft } from "../../../test/config/drafts.ts";
import { renderSection } from "../../../test/config/section-harness.tsx";
import { fakeKintone } from "../../../test/fake-kintone.ts";
import { emptyDraft } from "../draft.ts";
import { SettingsTransfer } from "./SettingsTransfer.tsx";
import { SETTINGS_FILE_FORMAT } from "./settings-file.ts";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const chooseFile = (name: string, text: string) =>
  fireEvent.change(screen.getByLabelText("ファイルから読み込む"), {
    target: { files: [new File([text], name, { type: "application/json" })] },
  });

describe("SettingsTransfer", () => {
  test("書き出す downloads a JSON file of the non-secret settings", async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return "blob:settings";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
    const downloads: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.href, download: this.download });
    });
    renderSection(SettingsTransfer, fakeKintone(), { draft: configuredDraft() });
    fireEvent.click(screen.getByRole("button", { name: "ファイルに書き出す" }));

    expect(downloads).toEqual([
      {
        href: "blob:settings",
        download: expect.stringMatching(/^front-agent-settings-app14-\d{4}-\d\d-\d\d\.json$/),
      },
    ]);
    const text = await blobs[0]?.text();
    for (const secret of ["SECRET", "apiToken", "connectionKey", "tokenSet"])
      expect(text).not.toContain(secret);
    expect(JSON.parse(text ?? "")).toMatchObject({
      format: SETTINGS_FILE_FORMAT,
      backendUrl: "https://fa.example.com",
      settings: {
        options: { initialWindowDays: 90 },
        userMappings: [{ frontAgentUserId: "u-1", kintoneUserCode: "yamada" }],
        activityApp: { appId: "15" },
      },
    });
  });

  test("a good file replaces the settings in the draft; secrets and this app's customer app stay", async () => {
    const draft = configuredDraft();
    const view = renderSection(SettingsTransfer, fakeKintone(), { draft });
    const file = {
      format: SETTINGS_FILE_FORMAT,
      version: 1,
      settings: {
        activityApp: { appId: "77", customerLink: true, fields: { owner: "担当" } },
        options: {
          autoRegister: false,
          initialWindowDays: 30,
          initialMaxRecords: 500,
          syncIntervalHours: 12,
        },
        userMappings: [{ frontAgentUserId: "u-9", kintoneUserCode: "suzuki" }],
      },
    };
    chooseFile("settings.json", JSON.stringify(file));
    await screen.findByText("「settings.json」を読み込みました。内容を確認してから保存してください。");
    expect(view.draft()).toMatchObject({
      backendUrl: "https://fa.example.com",
      connectionKey: "ck_live_SECRET",
      frontAgentBaseUrl: "https://front-agent.example.com",
      customerApp: { appId: "14", apiToken: "TOKEN_CUSTOMER_SECRET", tokenSet: true },
      activityApp: { appId: "77", apiToken: "TOKEN_ACTIVITY_SECRET", fields: { owner: "担当" } },
      options: file.settings.options,
      userMappings: file.settings.userMappings,
    });
  });

  test.each([
    [
      "not JSON",
      "broken.json",
      "{ nope",
      "「broken.json」は JSON として読めませんでした。書き出した設定ファイルを選んでください。設定は変更していません。",
    ],
    [
      "a wrong value",
      "bad.json",
      JSON.stringify({
        format: SETTINGS_FILE_FORMAT,
        version: 1,
        settings: { options: { syncIntervalHours: 0 } },
      }),
      "「bad.json」は設定ファイルとして正しくありません（options.syncIntervalHours の値）。設定は変更していません。",
    ],
  ])(
    "a bad file (%s) is refused with a message and the draft is left as it was",
    async (_case, name, text, message) => {
      const view = renderSection(SettingsTransfer, fakeKintone(), { draft: configuredDraft() });
      chooseFile(name, text);
      expect((await screen.findByRole("alert")).textContent).toBe(message);
      expect(view.draft()).toEqual(configuredDraft());
    },
  );

  test("ファイルから読み込む opens the file chooser", () => {
    const opened = vi.spyOn(HTMLInputElement.prototype, "click").mockImplementation(() => {});
    renderSection(SettingsTransfer, fakeKintone());
    fireEvent.click(screen.getByRole("button", { name: "ファイルから読み込む" }));
    expect(opened).toHaveBeenCalledTimes(1);
  });

  test("the refusal in English", async () => {
    renderSection(SettingsTransfer, fakeKintone({ language: "en" }));
    fireEvent.change(screen.getByLabelText("Import from a file"), {
      target: { files: [new File(["[]"], "list.json")] },
    });
    expect((await screen.findByRole("alert")).textContent).toBe(
      '"list.json" is not a valid settings file (the value of (root)). The settings were not changed.',
    );
  });

  test("初期値に戻す asks first; やめる keeps everything, 戻す resets all but the connection and tokens", async () => {
    const view = renderSection(SettingsTransfer, fakeKintone(), { draft: configuredDraft() });
    fireEvent.click(screen.getByRole("button", { name: "初期値に戻す" }));
    expect(screen.getByRole("alertdialog").textContent).toContain("保存するまでは反映されません");
    fireEvent.click(screen.getByRole("button", { name: "やめる" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(view.draft()).toEqual(configuredDraft());

    fireEvent.click(screen.getByRole("button", { name: "初期値に戻す" }));
    fireEvent.click(screen.getByRole("button", { name: "戻す" }));
    await waitFor(() => expect(view.draft().userMappings).toEqual([]));
    const defaults = emptyDraft("14");
    expect(view.draft()).toMatchObject({
      backendUrl: "https://fa.example.com",
      connectionKey: "ck_live_SECRET",
      frontAgentBaseUrl: "https://front-agent.example.com",
      customerApp: { appId: "14", apiToken: "TOKEN_CUSTOMER_SECRET", fields: defaults.customerApp.fields },
      activityApp: { appId: "", fields: defaults.activityApp.fields },
      options: defaults.options,
    });
    expect(screen.getByText("初期値に戻しました。保存すると反映されます。")).toBeTruthy();
  });
});
