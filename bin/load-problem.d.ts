/** The oldest Node major version dify-toolgen runs on. */
export declare const MINIMUM_NODE_MAJOR: number;
/** One line saying Node `version` is too old and what to do, or undefined when it is supported. */
export declare function nodeVersionProblem(version: string): string | undefined;
/** One line naming what failed to load (a missing package by name) and what to do. */
export declare function loadProblem(error: unknown): string;
