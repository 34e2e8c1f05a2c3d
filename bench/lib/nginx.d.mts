// Types of nginx.mjs, for the TypeScript that imports it (tests).

/** The nginx binary, or undefined when it is not installed. */
export declare const nginxBinary: string | undefined;

/** docs/deploy.md's nginx block with `upstreams` as its servers and `port` as its listen port. */
export declare function documentedConfig(upstreams: readonly number[], port: number): string;

/** nginx running in the foreground. */
export interface Nginx {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What nginx wrote to its error log (for failure messages). */
  errors(): string;
  stop(): Promise<void>;
}

/**
 * Starts nginx with `http` (the body of the `http { }` block) listening on `port`, one worker
 * with `workerConnections` (4,096); resolves once it answers.
 */
export declare function startNginx(
  http: string,
  port: number,
  options?: { readonly workerConnections?: number },
): Promise<Nginx>;
