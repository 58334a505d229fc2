// Values that break naive code: wrong types, megabyte strings, RTL and NUL, emoji and combining
// marks, paths that climb out of folders, numbers at and beyond their limits, prototype keys.
import fc from "fast-check";

const MEGABYTE = "x".repeat(1024 * 1024);
const MEGABYTE_UNICODE = "é🧨".repeat(256 * 1024);

export const traversal = [
  "../etc/passwd",
  "../../../../etc/shadow",
  "%2e%2e/%2e%2e/etc/passwd",
  "%2e%2e%2f",
  "..%2F..%2Fadmin",
  "/etc/passwd",
  "C:\\Windows\\system32\\cmd.exe",
  "..\\..\\boot.ini",
  "\\\\server\\share",
  "tool.zip.",
  "tool.zip...",
  "..",
  ".",
  "dir/tool.zip",
  "~/.ssh/id_rsa",
];

export const awkward = [
  "",
  " ",
  "\t\n",
  "a\u0000b",
  "\u0000",
  "evil\u202efdp.exe",
  "\u2066isolate\u2069",
  "שלום עולם",
  "مرحبا",
  "🧨💥👩‍👩‍👧‍👦",
  "e\u0301\u0301\u0301\u0301",
  "Z̴̡̢̛̗͕͎a̸̧͎l̷̨̛g̵o̶",
  "\ud800",
  "\r\nX-Injected: 1",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  MEGABYTE,
  MEGABYTE_UNICODE,
];

export const nastyNumbers = [
  NaN,
  Infinity,
  -Infinity,
  -1,
  0,
  -0,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 53,
  2 ** 31,
  -(2 ** 31) - 1,
];

export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...traversal, ...awkward) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-composite", maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...traversal), fc.string({ unit: "grapheme", maxLength: 10 }))
      .map(([a, b]) => `${a}${b}`),
  },
);

// JSON can carry these; a server action's wire format carries them and more (bigint, Date).
export const nastyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(...nastyNumbers.filter(Number.isFinite)),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}, [[[]]], { __proto__: null }),
  fc.constant(
    JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"polluted": true}}}'),
  ),
  fc.array(nastyString, { maxLength: 3 }),
);

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyJsonValue,
  fc.constantFrom(...nastyNumbers, undefined),
  fc.bigInt(),
  fc.constant(new Date(Number.NaN)),
  fc.constant(new Map([["fileId", "x"]])),
);

const prototypeKeys = fc.constantFrom("__proto__", "constructor", "prototype");

// A valid input with one field broken, an extra hostile key, or something else entirely.
export function brokenInput(valid: Record<string, unknown>, value: fc.Arbitrary<unknown> = nastyValue) {
  const fields = Object.keys(valid);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...fields), value)
        .map(([field, bad]) => ({ change: field, input: { ...valid, [field]: bad } })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(prototypeKeys, value).map(([key, bad]) => {
        const input = { ...valid };
        Object.defineProperty(input, key, {
          value: bad,
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return { change: key, input };
      }),
    },
    { weight: 1, arbitrary: value.map((bad) => ({ change: "(whole input)", input: bad })) },
  );
}

export const describeValue = (value: unknown) => {
  const text = typeof value === "bigint" ? `${value}n` : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…(${text.length})` : text;
};

// A value that no stored text may hold, or a file name that is not plain.
export const mustBeRefused = (field: string, value: unknown) =>
  (typeof value === "string" && value.includes("\u0000")) ||
  (field === "filename" && typeof value === "string" && (/[/\\]/.test(value) || /^\.+$/.test(value)));

export function toForm(input: unknown) {
  const form = new FormData();
  if (input && typeof input === "object") {
    for (const [key, value] of Object.entries(input))
      // A file stays a file, as a browser sends it; anything else goes as text.
      if (value !== undefined)
        form.set(key, typeof value === "string" || value instanceof Blob ? value : describeValue(value));
  }
  return form;
}

// Run on every target besides the random inputs: NUL in each field (no PostgreSQL text can hold
// it), traversal in file names, and the whole input as null, a string and an empty form.
export function sweepExamples(valid: Record<string, unknown>): [{ change: string; input: unknown }][] {
  const fields = Object.keys(valid);
  const perField = fields.flatMap((field) => {
    const values = [
      "a\u0000b",
      ...(field === "filename" ? ["../../etc/passwd", "..\\tool.exe", "/etc/passwd", ".."] : []),
    ];
    return values.map((value) => ({ change: field, input: { ...valid, [field]: value } }));
  });
  const whole = [null, "garbage", new FormData()].map((input) => ({ change: "(whole input)", input }));
  return [...perField, ...whole].map((example) => [example]);
}
