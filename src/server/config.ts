import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  PROXIDOM_DATA_DIR: z.string().default('./data'),
  PROXIDOM_DEMO: z.enum(['0', '1']).optional(),
  PROXIDOM_SEED: z.coerce.number().int().default(20261122),
  PUBLIC_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('ProxiDom <ne-pas-repondre@proxidom.test>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  URSSAF_BASE_URL: z.string().optional(),
  URSSAF_CLIENT_ID: z.string().optional(),
  URSSAF_CLIENT_SECRET: z.string().optional(),
  /** 1: URSSAF_BASE_URL is the local simulator (its control API may be used, demo and tests). */
  URSSAF_SIMULATOR: z.enum(['0', '1']).optional(),
});

export interface Config {
  isProduction: boolean;
  /** Demo data and demo accounts: on by default, off in production unless PROXIDOM_DEMO=1. */
  isDemo: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seed: number;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  sessionTtlMs: number;
  /** Sign-in attempts per IP and minute (accounts are also locked after 5 failures). */
  loginRateLimitPerMinute: number;
  /** The Urssaf API « Tiers de prestation » (avance immédiate); null: not configured (the demo starts a local simulator). */
  urssaf: { baseUrl: string; clientId: string; clientSecret: string; isSimulator: boolean } | null;
}

/** Reads the environment once, at start-up; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.parse(env);
  const isProduction = parsed.NODE_ENV === 'production';
  const isDemo = parsed.PROXIDOM_DEMO ? parsed.PROXIDOM_DEMO === '1' : !isProduction;
  return {
    isProduction,
    isDemo,
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL || undefined,
    dataDir: resolve(parsed.PROXIDOM_DATA_DIR),
    seed: parsed.PROXIDOM_SEED,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/$/, ''),
    smtpUrl: parsed.SMTP_URL || undefined,
    mailFrom: parsed.MAIL_FROM,
    logLevel: parsed.LOG_LEVEL,
    sessionTtlMs: parsed.SESSION_TTL_HOURS * 3600_000,
    loginRateLimitPerMinute: parsed.LOGIN_RATE_LIMIT_PER_MINUTE,
    urssaf: parsed.URSSAF_BASE_URL
      ? { baseUrl: parsed.URSSAF_BASE_URL.replace(/\/$/, ''), clientId: parsed.URSSAF_CLIENT_ID ?? '', clientSecret: parsed.URSSAF_CLIENT_SECRET ?? '', isSimulator: parsed.URSSAF_SIMULATOR === '1' }
      : null,
  };
}
