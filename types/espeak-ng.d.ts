declare module 'espeak-ng' {
  interface ESpeakModule {
    FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: string | Uint8Array): void };
  }
  interface ESpeakOptions {
    arguments: string[];
    preRun?: Array<(module: ESpeakModule) => void>;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  export default function ESpeakNg(options: ESpeakOptions): Promise<ESpeakModule>;
}
