import { Show, createMemo, createSignal, type JSX } from 'solid-js';
import type { FigureLayout } from './figure-layout.ts';
import { PNG_SCALE, saveBlob, svgBlob, svgToPng } from './figure-download.ts';
import { figureSvg } from './figure-svg.ts';

/**
 * A risk-of-bias figure with its downloads. The page shows the same SVG document the SVG download
 * saves (`figureSvg`, its text escaped), and the PNG is that SVG drawn at `PNG_SCALE`.
 */
export function RiskOfBiasFigure(props: {
  /** Unique on the page: the SVG's title and description ids derive from it. */
  id: string;
  layout: FigureLayout;
  /** What the figure is, for the download buttons' accessible names ("traffic-light plot"). */
  name: string;
  fileName: (extension: 'svg' | 'png') => string;
  testId: string;
  children?: JSX.Element;
}) {
  const svg = createMemo(() => figureSvg(props.layout, { id: props.id }));
  const [error, setError] = createSignal<string>();
  const [drawing, setDrawing] = createSignal(false);

  const downloadPng = async () => {
    setError(undefined);
    setDrawing(true);
    try {
      const png = await svgToPng(svg(), props.layout.width, props.layout.height);
      saveBlob(png, props.fileName('png'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setDrawing(false);
    }
  };

  return (
    <figure
      class="rob-figure"
      data-testid={props.testId}
      data-width={props.layout.width}
      data-height={props.layout.height}
    >
      {/* innerHTML: figureSvg escapes every text it writes (study titles are typed by users). */}
      <div class="rob-figure-image" innerHTML={svg()} />
      <Show when={props.children}>
        <figcaption class="muted">{props.children}</figcaption>
      </Show>
      <div class="figure-downloads">
        <button
          type="button"
          class="button"
          data-testid={`${props.testId}-svg`}
          onClick={() => saveBlob(svgBlob(svg()), props.fileName('svg'))}
        >
          Download SVG<span class="visually-hidden"> of the {props.name}</span>
        </button>
        <button
          type="button"
          class="button"
          data-testid={`${props.testId}-png`}
          disabled={drawing()}
          onClick={() => void downloadPng()}
        >
          {drawing() ? 'Drawing PNG…' : 'Download PNG'}
          <span class="visually-hidden"> of the {props.name}</span>
        </button>
        <span class="muted">
          PNG at {PNG_SCALE}× ({Math.ceil(props.layout.width * PNG_SCALE)} ×{' '}
          {Math.ceil(props.layout.height * PNG_SCALE)} px); SVG scales to any size.
        </span>
      </div>
      <Show when={error()}>
        {(message) => (
          <p class="alert alert-error" role="alert">
            The PNG could not be made: {message()} The SVG download still works.
          </p>
        )}
      </Show>
    </figure>
  );
}
