/** The part of `oidc-provider` (a test-only dependency, shipped without types) the OIDC test uses. */
declare module 'oidc-provider' {
  import type { Server } from 'node:http';
  interface Account { accountId: string; claims(): Promise<Record<string, unknown>> }
  interface Configuration {
    clients: Array<Record<string, unknown>>;
    findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
    features?: Record<string, { enabled: boolean }>;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number): Server;
  }
}
