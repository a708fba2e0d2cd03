import { For } from 'solid-js';
import { type BarDatum, layoutBars } from './bar-layout.ts';

const WIDTH = 560;
const HEIGHT = 180;
const AXIS = 28;

/**
 * A small SVG bar chart. The figures it draws are always also in a table beside it, so the chart
 * is `aria-hidden` apart from its summary label.
 */
export function BarChart(props: {
  data: readonly BarDatum[];
  series: readonly string[];
  label: string;
}) {
  const layout = () => layoutBars(props.data, WIDTH, HEIGHT);
  return (
    <figure class="bar-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
        role="img"
        aria-label={props.label}
        preserveAspectRatio="xMidYMid meet"
      >
        <line x1="0" x2={WIDTH} y1={HEIGHT} y2={HEIGHT} class="bar-chart-axis" />
        <text x="2" y="12" class="bar-chart-max">
          {layout().max}
        </text>
        <For each={layout().bars}>
          {(bar) => (
            <g>
              <For each={bar.rects}>
                {(r) => (
                  <rect
                    x={r.x}
                    y={r.y}
                    width={r.width}
                    height={r.height}
                    class={`bar-chart-series-${r.series}`}
                  >
                    <title>{`${bar.label}: ${props.series[r.series]} ${r.value}`}</title>
                  </rect>
                )}
              </For>
              <text x={bar.center} y={HEIGHT + 18} text-anchor="middle" class="bar-chart-label">
                {bar.label}
              </text>
            </g>
          )}
        </For>
      </svg>
      <figcaption class="bar-chart-legend">
        <For each={props.series}>
          {(name, i) => (
            <span>
              <span class={`bar-chart-swatch bar-chart-series-${i()}`} aria-hidden="true" />
              {name}
            </span>
          )}
        </For>
      </figcaption>
    </figure>
  );
}
