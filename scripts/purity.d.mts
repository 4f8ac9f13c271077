/** Global names the core must not touch. */
export declare const FORBIDDEN_GLOBALS: ReadonlySet<string>;
/** Lists the impurities of one source file. */
export declare function findImpurities(text: string, fileName?: string): { line: number; what: string }[];
