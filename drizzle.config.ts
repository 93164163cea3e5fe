import { defineConfig } from 'drizzle-kit';

// Migrations are generated offline and committed; the app applies them at start-up (src/db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});
