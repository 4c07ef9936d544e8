import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { LABEL_NAMES } from '../format';
import type { Agreement, HourBucket } from './dashboard-api';
import { formatAgreement, formatHour } from './format';

// The palette of styles.css (SVG presentation attributes cannot read CSS variables).
const LABEL_COLOURS = { verified: '#1e6b3a', disputed: '#a3262b', unverifiable: '#6b4e00' } as const;
const ALPHA_COLOUR = '#1f5fbf';
const KAPPA_COLOUR = '#b35c00';
const AXIS = { fontSize: 12, fill: '#555e6e' };

const dayTick = (iso: string) => new Date(iso).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' });

/** Verdicts per hour, stacked by label; one bar per hour of the window. */
export function VerdictsPerHourChart({ buckets }: { buckets: HourBucket[] }) {
  // A tick per day: at the first bucket and then every 24 hours.
  const ticks = buckets.filter((_, i) => i % 24 === 0).map((b) => b.start);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart
        data={buckets}
        title="Verdicts per hour"
        desc="Stacked bars: verified, disputed and unverifiable verdicts per hour"
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="#e4e7ec" vertical={false} />
        <XAxis dataKey="start" ticks={ticks} tickFormatter={dayTick} tick={AXIS} />
        <YAxis allowDecimals={false} tick={AXIS} width={40} />
        <Tooltip labelFormatter={(start) => (typeof start === 'string' ? formatHour(start) : start)} />
        <Legend />
        {(['verified', 'disputed', 'unverifiable'] as const).map((label) => (
          <Bar
            key={label}
            dataKey={label}
            name={LABEL_NAMES[label]}
            stackId="labels"
            fill={LABEL_COLOURS[label]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Krippendorff's alpha and pooled Cohen's kappa side by side for each queue; a missing bar is an undefined figure. */
export function AgreementChart({ queues }: { queues: Agreement['queues'] }) {
  const data = queues.map((q) => ({ queue: q.queue, alpha: q.alpha, kappa: q.kappa.kappa }));
  const lowest = Math.min(0, ...data.flatMap((d) => [d.alpha ?? 0, d.kappa ?? 0]));
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart
        data={data}
        title="Agreement per queue"
        desc="Krippendorff's alpha and Cohen's kappa for each queue, from -1 to 1"
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="#e4e7ec" vertical={false} />
        <XAxis dataKey="queue" tick={AXIS} />
        <YAxis domain={[Math.floor(lowest * 10) / 10, 1]} tick={AXIS} width={40} />
        <ReferenceLine y={0} stroke="#7d8796" />
        <Tooltip formatter={(value) => formatAgreement(typeof value === 'number' ? value : null)} />
        <Legend />
        <Bar dataKey="alpha" name="Krippendorff's α" fill={ALPHA_COLOUR} maxBarSize={48} isAnimationActive={false} />
        <Bar dataKey="kappa" name="Cohen's κ (pooled)" fill={KAPPA_COLOUR} maxBarSize={48} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
