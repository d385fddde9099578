import { tokens } from '@fluentui/react-components';

/**
 * A small line chart of levels over cycles in plain SVG. The numbers are also in the chart's
 * accessible name, so a screen reader (and the printed page's table) gives the same facts.
 */
export function LevelTrendChart({
  title,
  cycles,
  levels,
  maxLevel,
  width = 280,
  height = 120,
}: {
  title: string;
  cycles: { id: string; name: string }[];
  /** Level per cycle id; missing cycles leave a gap. */
  levels: Map<string, number>;
  maxLevel: number;
  width?: number;
  height?: number;
}) {
  const pad = { left: 24, right: 12, top: 10, bottom: 22 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (cycles.length <= 1 ? innerW / 2 : (innerW * i) / (cycles.length - 1));
  const y = (level: number) => pad.top + innerH - ((level - 1) / Math.max(1, maxLevel - 1)) * innerH;
  const points = cycles.map((c, i) => ({ i, level: levels.get(c.id) })).filter((p): p is { i: number; level: number } => p.level !== undefined);
  const label = `${title}: ${cycles.map((c) => `${c.name} ${levels.get(c.id) ?? 'no answer'}`).join(', ')}`;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {Array.from({ length: maxLevel }, (_, k) => k + 1).map((level) => (
        <g key={level}>
          <line x1={pad.left} x2={width - pad.right} y1={y(level)} y2={y(level)} stroke={tokens.colorNeutralStroke2} strokeWidth={1} />
          <text x={pad.left - 8} y={y(level) + 4} fontSize={10} textAnchor="end" fill={tokens.colorNeutralForeground3}>
            {level}
          </text>
        </g>
      ))}
      {cycles.map((c, i) => (
        <text
          key={c.id}
          x={cycles.length > 1 && i === 0 ? pad.left : cycles.length > 1 && i === cycles.length - 1 ? width - pad.right : x(i)}
          y={height - 6}
          fontSize={10}
          textAnchor={cycles.length > 1 && i === 0 ? 'start' : cycles.length > 1 && i === cycles.length - 1 ? 'end' : 'middle'}
          fill={tokens.colorNeutralForeground3}
        >
          {c.name.length > 14 ? `${c.name.slice(0, 13)}…` : c.name}
        </text>
      ))}
      {points.length > 1 ? (
        <polyline
          fill="none"
          stroke={tokens.colorBrandForeground1}
          strokeWidth={2}
          points={points.map((p) => `${x(p.i)},${y(p.level)}`).join(' ')}
        />
      ) : null}
      {points.map((p) => (
        <circle key={p.i} cx={x(p.i)} cy={y(p.level)} r={4} fill={tokens.colorBrandForeground1} />
      ))}
    </svg>
  );
}

/** Colours of the scale's levels, lowest first. */
export const levelPalette = [tokens.colorPaletteRedBackground3, tokens.colorPaletteMarigoldBackground3, tokens.colorPaletteGreenBackground3, tokens.colorPaletteBlueBorderActive, tokens.colorPalettePurpleBorderActive];

/** One horizontal bar split by level counts; hidden groups get no bar. */
export function DistributionBar({ counts, labels, width = 240, height = 18, description }: { counts: number[]; labels: string[]; width?: number; height?: number; description: string }) {
  const total = counts.reduce((a, b) => a + b, 0);
  let offset = 0;
  return (
    <svg width={width} height={height} role="img" aria-label={description}>
      <rect x={0} y={0} width={width} height={height} fill={tokens.colorNeutralBackground3} />
      {total === 0
        ? null
        : counts.map((n, i) => {
            const w = (n / total) * width;
            const rect = <rect key={labels[i]} x={offset} y={0} width={w} height={height} fill={levelPalette[i % levelPalette.length]} />;
            offset += w;
            return rect;
          })}
    </svg>
  );
}
