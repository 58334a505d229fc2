export type FloorPackage = { name: string; min: string; installed: string[]; why: string };
export declare function floorFor(version: string, min: string | string[]): string | null;
export declare function installedCopies(dir?: string): { name: string; version: string; location: string }[];
export declare function checkFloor(dir?: string): { packages: FloorPackage[]; problems: string[] };
