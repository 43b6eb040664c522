// Keyboard shortcuts for the whole app: one listener, and only for the keys the current page registered (ShortcutHost).
// Never while the reader types (inputs, text areas, selects, open lists) and never with Ctrl, Alt or Meta held.
let listener = null;
let keys = new Set();

const typing = target => target instanceof Element && (target.isContentEditable ||
    target.closest('input, textarea, select, [contenteditable=true], [role=combobox], [role=listbox], .mud-popover-open') !== null);

export function start(host, initial) {
    stop();
    keys = new Set(initial);
    listener = e => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || !keys.has(e.key) || typing(e.target)) return;
        // Enter on a focused link or button is that link's or button's own.
        if (e.key === 'Enter' && e.target instanceof Element && e.target.closest('a, button') !== null) return;
        e.preventDefault();
        host.invokeMethodAsync('OnKey', e.key);
    };
    document.addEventListener('keydown', listener);
}

export function setKeys(next) { keys = new Set(next); }

export function stop() {
    if (listener) document.removeEventListener('keydown', listener);
    listener = null;
}

export function focus(selector) {
    const element = document.querySelector(selector);
    if (!element) return false;
    element.focus();
    element.scrollIntoView({ block: 'nearest' });
    return true;
}

export function reveal(selector) { document.querySelector(selector)?.scrollIntoView({ block: 'nearest' }); }
