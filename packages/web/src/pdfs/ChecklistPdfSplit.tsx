import { type JSX, createSignal, createUniqueId, onCleanup, onMount } from 'solid-js';
import { PdfPane } from './PdfPane.tsx';
import type { AttachTarget } from './PdfViewer.tsx';
import {
  MIN_CHECKLIST_WIDTH,
  MIN_PDF_WIDTH,
  parseStoredWidth,
  pdfWidth,
  widthAfterKey,
} from './pdf-split.ts';

/** Where this device remembers the PDF column's width (a layout preference, not user data). */
const WIDTH_KEY = 'corates.pdfSplitWidth';
/** Below this the checklist and its PDF are tabs; pdfs.css uses the same width. */
const NARROW = '(max-width: 899px)';
/** The handle's width in pixels; pdfs.css gives it the same. */
const HANDLE = 12;

const readWidth = (): number | undefined => {
  try {
    return parseStoredWidth(localStorage.getItem(WIDTH_KEY));
  } catch {
    return undefined; // storage refused (a privacy mode): the default share
  }
};
const storeWidth = (width: number) => {
  try {
    localStorage.setItem(WIDTH_KEY, String(width));
  } catch {
    // Not remembered on this device; the split still works.
  }
};

/**
 * The checklist (`children`) beside the study's PDF. Wide screens split the page in two with a
 * handle between them — dragged, or moved with the arrow keys, Home and End; its place is
 * remembered on this device. Narrow screens show one of the two at a time, under tabs.
 */
export function ChecklistPdfSplit(props: {
  projectId: string;
  studyId: string | undefined;
  attach: AttachTarget | undefined;
  children: JSX.Element;
}) {
  const id = createUniqueId();
  const narrowQuery = window.matchMedia(NARROW);
  const [narrow, setNarrow] = createSignal(narrowQuery.matches);
  const [tab, setTab] = createSignal<'checklist' | 'pdf'>('checklist');
  const [remembered, setRemembered] = createSignal(readWidth());
  const [total, setTotal] = createSignal(0);
  let split!: HTMLDivElement;
  let checklistScroll = 0;

  const width = () => pdfWidth(remembered(), total());
  const resizeTo = (w: number) => {
    setRemembered(w);
    storeWidth(w);
  };

  onMount(() => {
    const onChange = () => setNarrow(narrowQuery.matches);
    narrowQuery.addEventListener('change', onChange);
    const observer = new ResizeObserver(() => setTotal(split.clientWidth - HANDLE));
    observer.observe(split);
    onCleanup(() => {
      narrowQuery.removeEventListener('change', onChange);
      observer.disconnect();
    });
  });

  const choose = (next: 'checklist' | 'pdf') => {
    if (next === tab()) return;
    // Back on the checklist, the reader is where they left it; the PDF opens at its top.
    if (next === 'pdf') {
      checklistScroll = window.scrollY;
      const top = split.getBoundingClientRect().top + window.scrollY;
      setTab(next);
      if (window.scrollY > top) window.scrollTo(0, top);
    } else {
      setTab(next);
      window.scrollTo(0, checklistScroll);
    }
    document.getElementById(`${id}-${next}-tab`)?.focus();
  };

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture(event.pointerId);
    const right = split.getBoundingClientRect().right;
    let latest = width();
    const move = (e: PointerEvent) => {
      latest = pdfWidth(right - e.clientX - HANDLE / 2, total());
      setRemembered(latest);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      split.classList.remove('pdf-split-dragging');
      storeWidth(latest);
    };
    split.classList.add('pdf-split-dragging');
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };

  // As a window splitter, the handle's value is the checklist's share of the split, in percent.
  const checklistShare = () =>
    total() > 0 ? Math.round(((total() - width()) / total()) * 100) : 50;
  const tabProps = (which: 'checklist' | 'pdf') => ({
    id: `${id}-${which}-tab`,
    role: 'tab' as const,
    'aria-selected': tab() === which,
    'aria-controls': `${id}-${which}`,
    tabindex: tab() === which ? 0 : -1,
    onClick: () => choose(which),
  });
  // Tab panels only while they are tabs; side by side, both are plain regions of the page.
  const panelProps = (which: 'checklist' | 'pdf') => ({
    role: narrow() ? ('tabpanel' as const) : undefined,
    'aria-labelledby': narrow() ? `${id}-${which}-tab` : undefined,
    hidden: narrow() && tab() !== which,
  });

  return (
    <div
      ref={(el) => (split = el)}
      class="pdf-split"
      style={{ '--pdf-width': `${width()}px` }}
      data-testid="pdf-split"
    >
      <div
        class="pdf-split-tabs"
        role="tablist"
        aria-label="Checklist or PDF"
        onKeyDown={(e) => {
          if (
            e.key === 'ArrowLeft' ||
            e.key === 'ArrowRight' ||
            e.key === 'Home' ||
            e.key === 'End'
          ) {
            e.preventDefault();
            choose(e.key === 'ArrowLeft' || e.key === 'Home' ? 'checklist' : 'pdf');
          }
        }}
      >
        <button type="button" class="pdf-split-tab" {...tabProps('checklist')}>
          Checklist
        </button>
        <button type="button" class="pdf-split-tab" {...tabProps('pdf')}>
          PDF
        </button>
      </div>
      <div id={`${id}-checklist`} class="pdf-split-checklist" {...panelProps('checklist')}>
        {props.children}
      </div>
      <div
        class="pdf-split-handle"
        role="separator"
        tabindex="0"
        aria-orientation="vertical"
        aria-label="Resize the checklist and the PDF"
        aria-controls={`${id}-checklist`}
        aria-valuemin={total() > 0 ? Math.round((MIN_CHECKLIST_WIDTH / total()) * 100) : 0}
        aria-valuemax={total() > 0 ? Math.round(((total() - MIN_PDF_WIDTH) / total()) * 100) : 100}
        aria-valuenow={checklistShare()}
        data-testid="pdf-split-handle"
        onPointerDown={onPointerDown}
        onKeyDown={(e) => {
          const next = widthAfterKey(e.key, e.shiftKey, width(), total());
          if (next === null) return;
          e.preventDefault();
          resizeTo(next);
        }}
      />
      <div id={`${id}-pdf`} class="pdf-split-pdf" {...panelProps('pdf')}>
        <PdfPane projectId={props.projectId} studyId={props.studyId} attach={props.attach} />
      </div>
    </div>
  );
}
