// The timer functions every JavaScript host has (browsers and Node); declared here because the package is
// built without the DOM's and Node's type libraries on purpose. Not emitted into dist.
type TimerHandle = { readonly __timer?: never } | number;
declare function setTimeout(callback: () => void, ms?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle | undefined | null): void;
declare function queueMicrotask(callback: () => void): void;
