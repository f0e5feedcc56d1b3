import type { Message } from "./catalogue.ts";

/**
 * Why the backend refused to start (exit code 2, docs/operator-guide.md "Exit codes"): logged in English
 * as one JSON line with the code; each text says what to do. The CLI refuses with the same codes (exit 2),
 * and `database copy` with the COPY_ ones (docs/operator-guide.md "Moving from SQLite to PostgreSQL").
 */
export const startupMessages = {
  CONFIG_DATABASE_URL_UNSUPPORTED: {
    ja: "DATABASE_URL には PostgreSQL の URL（postgres://ユーザー:パスワード@ホスト:5432/データベース）を指定してください（指定値の形式: 「{scheme}」）。組み込みの SQLite を使うには DATABASE_URL を外してください。",
    en: 'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database), got "{scheme}"; unset it to use the embedded SQLite.',
  },
  DATABASE_UNREACHABLE: {
    ja: "PostgreSQL のデータベース {database} に接続できません（{reason}）。DATABASE_URL のホスト、ポート、ユーザー、パスワード、データベース名と、PostgreSQL が動いていることを確認してください。",
    en: "Cannot connect to the PostgreSQL database {database} ({reason}). Check DATABASE_URL (host, port, user, password, database name) and that PostgreSQL is running.",
  },
  CONFIG_PORT_INVALID: {
    ja: "PORT にはポート番号（0〜65535）を指定してください（指定値: 「{value}」）。",
    en: 'PORT must be a port number (0-65535), got "{value}"',
  },
  CONFIG_HOST_INVALID: {
    ja: "HOST には IP アドレスかホスト名（例: 127.0.0.1）を指定してください（指定値: 「{value}」）。",
    en: 'HOST must be an IP address or a host name (e.g. 127.0.0.1), got "{value}"',
  },
  CONFIG_ADMIN_TOKEN_INVALID: {
    ja: "ADMIN_TOKEN は空白を含まない16文字以上にしてください（例: `openssl rand -base64 24`）。管理 API を使わない場合は外してください。",
    en: "ADMIN_TOKEN must be at least 16 characters, with no spaces (e.g. `openssl rand -base64 24`); unset it to turn the admin API off.",
  },
  CONFIG_ALLOWED_ORIGINS_INVALID: {
    ja: "KINTONE_ALLOWED_ORIGINS の指定が正しくありません: {problem}",
    en: "KINTONE_ALLOWED_ORIGINS: {problem}",
  },
  CONFIG_NUMBER_INVALID: {
    ja: "{variable} には {min} から {max} までの整数を指定してください（指定値: 「{value}」）。",
    en: '{variable} must be a whole number from {min} to {max}, got "{value}"',
  },
  CONFIG_ROLE_INVALID: {
    ja: "ROLE には all（すべてを 1 つのプロセスで）、web（HTTP のみ）、worker（ジョブとスケジューラーのみ）のいずれかを指定してください（指定値: 「{value}」）。",
    en: 'ROLE must be all (everything in one process), web (HTTP only) or worker (jobs and the scheduler only), got "{value}"',
  },
  DATA_DIR_NOT_A_DIRECTORY: {
    ja: "DATA_DIR「{path}」はフォルダーではありません（同じ名前のファイルがあります）。DATA_DIR にフォルダーを指定するか、ファイルを移動してください。",
    en: 'DATA_DIR "{path}" is not a folder (a file has that name). Point DATA_DIR at a folder, or move the file away.',
  },
  DATA_DIR_NOT_WRITABLE: {
    ja: "DATA_DIR「{path}」を作成または書き込みできません（{reason}）。サーバーを動かすユーザーに書き込み権限を与えるか、別のフォルダーを指定してください。",
    en: 'DATA_DIR "{path}" cannot be created or written ({reason}). Give the user the server runs as write access to it, or choose another folder.',
  },
  SECRET_KEY_INVALID: {
    ja: "SECRET_KEY は base64 でエンコードした32バイトの鍵にしてください（例: `openssl rand -base64 32`）。",
    en: "SECRET_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)",
  },
  SECRET_KEY_FILE_INVALID: {
    ja: "{path} に32バイトの base64 の鍵がありません。バックアップから復元してください。新しい鍵に置き換えると、保存済みのトークンとシークレットを読めなくなります。",
    en: "{path} does not hold a 32-byte base64 key. Restore it from the backup; a new key cannot read the stored tokens and secrets.",
  },
  SECRET_KEY_MISMATCH: {
    ja: "{key} は、このデータベース（{database}）を暗号化した鍵ではありません。同じバックアップの secret.key を戻すか、以前の SECRET_KEY を設定して起動してください。新しい鍵を作らないでください: 保存済みの kintone API トークンと Webhook シークレットは以前の鍵でしか読めません。",
    en: "{key} is not the key this database ({database}) was encrypted with. Start with its key: put back secret.key from the same backup, or set SECRET_KEY to the key used before. Do not make a new key: the stored kintone API tokens and webhook secrets can only be read with the old one.",
  },
  DATABASE_EMPTY: {
    ja: "データベースファイル {path} が空（0バイト）です。切り詰められたか置き換えられています。サーバーを止めたまま、バックアップの front-agent.sqlite を secret.key と一緒に戻してください。データのない新規の設置なら、空のファイルを削除してから起動してください。",
    en: "The database file {path} is empty (0 bytes): it was truncated or replaced. Restore front-agent.sqlite from the backup, together with its secret.key. If this is a new installation with no data yet, delete the empty file and start again.",
  },
  DATABASE_CORRUPT: {
    ja: "データベースファイル {path} が壊れています（{detail}）。サーバーを止めたまま、バックアップの front-agent.sqlite を secret.key と一緒に戻してください。壊れたファイルは調査のために別の場所に保管してください。",
    en: "The database file {path} is damaged ({detail}). Restore front-agent.sqlite from the backup, together with its secret.key; keep the damaged file elsewhere for investigation.",
  },
  LISTEN_ADDRESS_IN_USE: {
    ja: "{address} で待ち受けできません。別のプロセスが使用中です。そのプロセスを止めるか、別の PORT を指定してください。",
    en: "Cannot listen on {address}: another process already uses it. Stop that process, or set another PORT.",
  },
  LISTEN_ADDRESS_UNAVAILABLE: {
    ja: "{address} で待ち受けできません。HOST「{host}」はこのマシンのアドレスではありません（{reason}）。このマシンのアドレスを指定してください（リバースプロキシの背後なら 127.0.0.1）。",
    en: 'Cannot listen on {address}: HOST "{host}" is not an address of this machine ({reason}). Set HOST to one of its addresses (127.0.0.1 behind a reverse proxy).',
  },
  LISTEN_PERMISSION_DENIED: {
    ja: "{address} で待ち受ける権限がありません（1024 未満のポートには特権が必要です）。1024 以上の PORT を指定し、リバースプロキシの背後で動かしてください。",
    en: "Cannot listen on {address}: permission denied (ports below 1024 need privileges). Use a PORT of 1024 or more behind a reverse proxy.",
  },
  COPY_SOURCE_NOT_SQLITE: {
    ja: "コピー元は DATA_DIR の SQLite データベースですが、DATABASE_URL（{database}）が設定されています。DATABASE_URL を外し、DATA_DIR に front-agent.sqlite のあるフォルダーを指定して実行してください。コピー先は --to で指定します。",
    en: "The copy reads the SQLite database under DATA_DIR, but DATABASE_URL is set ({database}). Unset DATABASE_URL, point DATA_DIR at the folder holding front-agent.sqlite, and name the target with --to.",
  },
  COPY_SOURCE_MISSING: {
    ja: "コピー元のデータベースファイル {path} がありません。DATA_DIR に front-agent.sqlite のあるフォルダーを指定してください（既定は ./data）。",
    en: "There is no database file {path} to copy. Point DATA_DIR at the folder holding front-agent.sqlite (default ./data).",
  },
  COPY_TARGET_NOT_POSTGRES: {
    ja: "--to には PostgreSQL の URL（postgres://ユーザー:パスワード@ホスト:5432/データベース）を指定してください（指定値の形式: 「{scheme}」）。",
    en: '--to must be a PostgreSQL URL (postgres://user:password@host:5432/database), got "{scheme}".',
  },
  COPY_TARGET_UNREACHABLE: {
    ja: "コピー先の PostgreSQL のデータベース {database} に接続できません（{reason}）。--to のホスト、ポート、ユーザー、パスワード、データベース名と、PostgreSQL が動いていること、データベースが作成済みであることを確認してください。",
    en: "Cannot connect to the target PostgreSQL database {database} ({reason}). Check the --to URL (host, port, user, password, database name), that PostgreSQL is running and that the database exists.",
  },
  COPY_TARGET_NOT_EMPTY: {
    ja: "コピー先のデータベース {database} には既にデータがあります（テーブル {table}）。既存のデータとは統合しないため、何もコピーしていません。新しく作成した空のデータベースを指定してください。",
    en: "The target database {database} already holds data (table {table}), so nothing was copied: the copy never merges into existing data. Name a newly created, empty database.",
  },
} as const satisfies Record<string, Message>;

/** The codes of a refused start. */
export type StartupCode = keyof typeof startupMessages;
