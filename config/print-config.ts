import type { Settings } from './settings.ts';

/** The effective configuration, one setting a line: path, value, and where the value came from. */
export function formatSettings(settings: Settings): string {
  const header =
    settings.file === null
      ? 'configuration: no file (AMC_CONFIG unset): defaults, overridden by the environment'
      : `configuration: ${settings.file}, overridden by the environment`;
  const rows = settings.effective.map((s) => [s.path, JSON.stringify(s.value) ?? 'null', s.source]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map(([path, value, source]) =>
    `${path!.padEnd(widths[0]!)}  ${value!.padEnd(widths[1]!)}  ${source}`.trimEnd(),
  );
  return [header, ...lines].join('\n');
}
