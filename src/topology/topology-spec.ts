// Plain descriptions of a stack: which services run, which links Toxiproxy puts between them.
// Leaf types only; the builder turns them into containers.

export type ImageSource =
  | { readonly kind: 'image'; readonly name: string }
  | {
      readonly kind: 'dockerfile';
      readonly context: string;
      /** Tag the built image gets (local only). */
      readonly tag: string;
      readonly buildArgs?: Readonly<Record<string, string>>;
    };

export type Readiness =
  | { readonly kind: 'http'; readonly port: number; readonly path: string; readonly status?: number }
  | { readonly kind: 'log'; readonly pattern: RegExp; readonly times?: number };

export interface ServiceSpec {
  /** Network alias; other services and links reach it by this name. */
  readonly name: string;
  readonly image: ImageSource;
  readonly environment: Readonly<Record<string, string>>;
  /** Container ports mapped to 127.0.0.1 for the host (control APIs, direct access). */
  readonly hostPorts: readonly number[];
  readonly readiness: Readiness;
  readonly startupTimeoutMs?: number;
  /** Overrides the image's command. */
  readonly command?: readonly string[];
  /** Files written into the container before it starts (scripts, configuration). */
  readonly files?: ReadonlyArray<{ readonly content: string; readonly target: string; readonly mode?: number }>;
  /** The variable that overrides this service's image, named in the error when the image is missing. */
  readonly imageVariable?: string;
  /** Environment keys whose values never appear in evidence or logs (passwords, tokens, keys). */
  readonly secretKeys?: readonly string[];
}

export interface LinkSpec {
  /** The name steps use ("payment", "db-primary", "ingress"). */
  readonly name: string;
  readonly upstreamService: string;
  readonly upstreamPort: number;
  /** Port the proxy listens on inside the Toxiproxy container; assigned by the builder. */
  readonly listenPort: number;
}
