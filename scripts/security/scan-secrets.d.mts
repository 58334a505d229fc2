export declare const secretPatterns: { name: string; pattern: RegExp }[];
export type SecretFinding = { file: string; kind: string; sample: string };
export declare function scanForSecrets(
  targets: string[],
  options?: { exact?: string[] },
): { scanned: number; findings: SecretFinding[] };
