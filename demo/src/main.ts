import { startDemo } from "./demo.ts";

/** `pnpm demo [--port N]`: starts the demo, prints where it is and how to stop it. */
const portArg = process.argv.indexOf("--port");
const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : Number(process.env.DEMO_PORT ?? 8790);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`ポート番号が正しくありません / invalid port: ${process.argv[portArg + 1]}`);
  process.exit(2);
}

console.log("Front Agent × kintone デモを準備しています… / preparing the demo…");
const demo = await startDemo({ port });
console.log(`
  デモ / Demo:  ${demo.url}

  ブラウザーで開いてください。止めるには Ctrl+C。
  Open it in a browser. Press Ctrl+C to stop.
`);
console.log(JSON.stringify({ demo: demo.url }));

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("デモを止めています… / stopping…");
    void demo.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
