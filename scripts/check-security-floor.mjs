// Fails when an installed dependency is older than the floor in security-floor.json.
import { readFileSync } from "node:fs";

const floor = JSON.parse(readFileSync(new URL("../security-floor.json", import.meta.url), "utf8"));
const parse = (version) => version.split("-")[0].split(".").map(Number);
const below = (a, b) => {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i];
  return false;
};

const problems = [];
for (const [name, rule] of Object.entries(floor)) {
  if (name.startsWith("$")) continue;
  let installed;
  try {
    installed = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
  } catch {
    problems.push(`${name}: not installed`);
    continue;
  }
  if (below(installed, rule.min)) problems.push(`${name} ${installed} is below ${rule.min}: ${rule.why}`);
}
if (problems.length) {
  console.error(`Security floor not met:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`security floor met (${Object.keys(floor).filter((name) => !name.startsWith("$")).length} packages)`);
