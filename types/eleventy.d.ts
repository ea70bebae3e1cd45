// Eleventy and eleventy-img ship no type declarations: just what we use.
declare module '@11ty/eleventy' {
  export interface EleventyEventArgs {
    directories: { input: string; output: string; includes: string; data: string; layouts?: string };
    runMode: 'build' | 'serve' | 'watch';
    outputMode?: string;
  }
  export interface UserConfig {
    addPlugin<T>(plugin: (config: UserConfig, options: T) => void | Promise<void>, options?: T): void;
    addGlobalData(name: string, value: unknown): void;
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
    addPassthroughCopy(map: string | Record<string, string>): void;
    addWatchTarget(target: string): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    on(event: 'eleventy.before' | 'eleventy.after', fn: (args: EleventyEventArgs) => void | Promise<void>): void;
    ignores: Set<string>;
  }
  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    runMode?: 'build' | 'serve' | 'watch';
    config?: (config: UserConfig) => void;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    /** Eleventy's console logger; overrideLogger(false) silences it (it prints a summary even in quiet mode). */
    logger: { overrideLogger(logger: false): void };
    write(): Promise<unknown>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
  }
}

declare module '@11ty/eleventy-img' {
  function Image(src: string, options: Record<string, unknown>): Promise<Record<string, unknown[]>>;
  export default Image;
}
