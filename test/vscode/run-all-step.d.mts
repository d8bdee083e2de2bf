// Types of run-all-step.mjs (plain JavaScript, as test/run-all.mjs runs without tsx).
export declare function desktopVsCodeSuites(root: string, env?: NodeJS.ProcessEnv): { passed: number; failed: number; skipped: number; note: string };
