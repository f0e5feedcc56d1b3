import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, test } from "vitest";

afterEach(cleanup);

import { ConfigScreen } from "./ConfigScreen.tsx";

describe("ConfigScreen", () => {
  test.each([
    ["ja", "Front Agent 連携設定"],
    ["en", "Front Agent integration settings"],
  ] as const)("speaks %s", (language, title) => {
    render(<ConfigScreen language={language} />);
    expect(screen.getByRole("heading").textContent).toBe(title);
  });
});
