import { createTenant } from "../src/services/tenants.ts";
import { openStorage } from "../src/storage/index.ts";
import { openSqliteFile } from "../src/storage/sqlite.ts";

/**
 * A DATA_DIR database with one tenant (its secrets encrypted with `key`) and `customers` linked customers
 * plus their candidate-index rows, written straight into the tables: for the tests and the measurement
 * that need a file of a realistic size, without running an import.
 */
export async function fillDatabase(dataDir: string, key: Buffer, customers: number): Promise<string> {
  const storage = await openStorage({ dataDir, secretKey: { key, source: "SECRET_KEY" } });
  const { tenantId } = await createTenant(storage, key, "株式会社サンプル", new Date());
  await storage.close();
  const db = openSqliteFile(dataDir);
  const now = new Date().toISOString();
  const customer = db.prepare(
    `insert into customers (id, tenant_id, name, company, department, email, phone, address, identity_key,
       kintone_app_id, kintone_record_id, kintone_record_number, kintone_revision, created_at, updated_at)
     values (?, ?, ?, ?, '営業部', ?, '03-1234-5678', '東京都中央区日本橋1-2-3', ?, '1', ?, ?, '1', ?, ?)`,
  );
  const candidate = db.prepare(
    `insert into candidate_index (tenant_id, app_id, record_id, record_number, name, company, name_key,
       company_key, build_id) values (?, '1', ?, ?, ?, ?, ?, ?, 'b1')`,
  );
  db.transaction(() => {
    for (let i = 1; i <= customers; i++) {
      const name = `顧客 ${i}`;
      const company = `株式会社サンプル${i % 997}`;
      customer.run(
        `c${i}`,
        tenantId,
        name,
        company,
        `user${i}@example.co.jp`,
        `${name}|${company}`,
        `${i}`,
        `${i}`,
        now,
        now,
      );
      candidate.run(tenantId, `${i}`, `${i}`, name, company, `顧客${i}`, `サンプル${i % 997}`);
    }
  })();
  // Folds the WAL back, as a clean stop does, so the file alone holds everything.
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return tenantId;
}
