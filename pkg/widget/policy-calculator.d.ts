// Types of the widget entry (policy-calculator.js). The report's type is the
// headless API's `Report` (import type { Report } from "liaoqitong-policy-calculator").
import type { Report } from "../api/liaoqitong_policy_calculator.js";

/** Options of `mount` and `handle.update`. Every field is optional. */
export interface WidgetOptions {
  /** Language to start in; the user can still switch. */
  lang?: "zh-CN" | "zh-TW" | "en";
  /** Date whose rules apply (YYYY-MM-DD); today when absent. */
  asOf?: string;
  /** The enterprise's data (CONTRACT.md keys), shown as prefilled and editable. */
  prefill?: Record<string, string | number | boolean | null | undefined>;
  /** A replacement catalog: JSON text or an object (`policy-calc json` converts TOML). */
  catalog?: string | object;
  /** Same-origin URL of a replacement catalog (JSON), fetched once. */
  catalogUrl?: string;
  /** The `sha256:…` hash the replacement catalog must have; otherwise it is refused (`catalog_hash_mismatch`). */
  catalogHash?: string;
  /** CSS custom properties: `{ "--lqt-accent": "#c8102e", "--lqt-bar": "#8b0000" }`. */
  theme?: Record<string, string>;
  /** Offer saving answers in this browser (default true). */
  localSave?: boolean;
  /** Each new report, as the user answers. Give it only if you need results. */
  onResult?: (report: Report) => void;
  /** The user clicked 去申报 on a policy: navigate to your form. */
  onApply?: (policyId: string) => void;
  /** The widget's height changed (px). */
  onResize?: (height: number) => void;
}

export interface WidgetHandle {
  /** Applies new options (merged with the current ones); answers are kept. */
  update(options: WidgetOptions): Promise<void>;
  /** Unmounts the widget. */
  destroy(): void;
}

/** Mounts the calculator in `element`. Rejects with an Error carrying `code` for unusable options. */
export function mount(element: Element, options?: WidgetOptions): Promise<WidgetHandle>;

/** The events `<policy-calculator>` dispatches, with their `detail`. */
export interface PolicyCalculatorEventMap {
  /** Each new report (only with the `results` attribute). */
  result: CustomEvent<Report>;
  /** The user clicked 去申报 on a policy (bubbles, composed). */
  apply: CustomEvent<{ policyId: string }>;
  /** The widget's height changed (px). Not the window's `resize` (a UIEvent). */
  resize: CustomEvent<{ height: number }>;
  /** Unusable attributes or catalog: the Error, with its `code` (`invalid_option`, `catalog_invalid`, …). Not an ErrorEvent. */
  error: CustomEvent<Error & { code?: string }>;
}

/** A listener of `<policy-calculator>`. */
export type PolicyCalculatorListener<E> = (this: PolicyCalculatorElement, ev: E) => any;

/** `<policy-calculator>`; registered when this module is imported. */
export class PolicyCalculatorElement extends HTMLElement {
  prefill: WidgetOptions["prefill"];
  addEventListener<K extends keyof PolicyCalculatorEventMap>(type: K, listener: PolicyCalculatorListener<PolicyCalculatorEventMap[K]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: PolicyCalculatorListener<HTMLElementEventMap[K]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PolicyCalculatorEventMap>(type: K, listener: PolicyCalculatorListener<PolicyCalculatorEventMap[K]>, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: PolicyCalculatorListener<HTMLElementEventMap[K]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

// `apply` and `result` for any element they bubble to or are listened on;
// `resize` and `error` are typed on PolicyCalculatorElement only, as the
// DOM's own events of those names have other types.
declare global {
  interface HTMLElementTagNameMap {
    "policy-calculator": PolicyCalculatorElement;
  }
  interface HTMLElementEventMap {
    apply: CustomEvent<{ policyId: string }>;
    result: CustomEvent<Report>;
  }
}
